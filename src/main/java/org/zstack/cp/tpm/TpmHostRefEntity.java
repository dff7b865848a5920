package org.zstack.cp.tpm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

/** A host a VM with a TPM has run on, and where the TPM's state lives there. */
@Entity
@Table(name = "tpm_host_ref")
public class TpmHostRefEntity extends TimestampedEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tpm_uuid", nullable = false)
    public String tpmUuid;

    @Column(name = "host_uuid", nullable = false)
    public String hostUuid;

    @Column(nullable = false)
    public String path;
}
