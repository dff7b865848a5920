package org.zstack.cp.tpm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "tpm")
public class TpmEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(nullable = false)
    public String name;

    @Column(name = "vm_instance_uuid", nullable = false, unique = true)
    public String vmInstanceUuid;

    @Column(name = "key_provider_uuid")
    public String keyProviderUuid;
}
