package org.zstack.cp.backupstorage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import org.hibernate.annotations.SecondaryRow;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.db.TimestampedEntity;

/**
 * An ImageStore backup storage: the generic {@code backup_storage} row and its {@code image_store_backup_storage}
 * details. Writers hold the row lock ({@code SELECT ... FOR UPDATE}) from read to write.
 */
@Entity
@Table(name = "backup_storage")
@SecondaryTable(name = ImageStoreBackupStorageEntity.DETAILS, pkJoinColumns = @PrimaryKeyJoinColumn(name = "uuid"))
@SecondaryRow(table = ImageStoreBackupStorageEntity.DETAILS, optional = false)
public class ImageStoreBackupStorageEntity extends TimestampedEntity {
    static final String DETAILS = "image_store_backup_storage";
    static final String TYPE = "ImageStoreBackupStorage";

    @Id
    public String uuid;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String url;

    public String description;

    @Column(nullable = false)
    public String type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BackupStorageState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BackupStorageStatus status;

    @Column(table = DETAILS, nullable = false)
    public String hostname;

    @Column(table = DETAILS, nullable = false)
    public String username;

    /** The SSH password, sealed by {@link org.zstack.cp.secret.SecretBox}. */
    @Column(table = DETAILS, name = "password_encrypted", nullable = false)
    public String passwordEncrypted;

    @Column(table = DETAILS, name = "ssh_port", nullable = false)
    public int sshPort;

    @Column(table = DETAILS, name = "agent_port", nullable = false)
    public int agentPort;

    public AgentEndpoint agentEndpoint() {
        return new AgentEndpoint(hostname, agentPort);
    }
}
