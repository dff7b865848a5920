package org.zstack.cp.tpm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "key_provider")
public class KeyProviderEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String type;

    public String description;
}
