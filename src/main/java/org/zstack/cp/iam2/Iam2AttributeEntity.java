package org.zstack.cp.iam2;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "iam2_virtual_id_attribute")
public class Iam2AttributeEntity extends TimestampedEntity {
    static final String CUSTOMIZED = "Customized";

    @Id
    public String uuid;

    @Column(name = "virtual_id_uuid", nullable = false)
    public String virtualIdUuid;

    @Column(nullable = false)
    public String name;

    public String value;

    @Column(nullable = false)
    public String type;
}
