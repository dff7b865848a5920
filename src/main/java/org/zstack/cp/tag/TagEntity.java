package org.zstack.cp.tag;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.zstack.cp.db.TimestampedEntity;

/** A tag attached to a resource; the system and user tags are two tables of this shape. */
@MappedSuperclass
public abstract class TagEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(name = "resource_uuid", nullable = false)
    public String resourceUuid;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(nullable = false)
    public String tag;
}
