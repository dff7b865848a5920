package org.zstack.cp.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "host")
public class HostEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "management_ip", nullable = false, unique = true)
    public String managementIp;

    @Column(name = "agent_port", nullable = false)
    public int agentPort;

    @Column(name = "ssh_port", nullable = false)
    public int sshPort;

    @Column(nullable = false)
    public String username;

    /** The SSH password, sealed by {@link org.zstack.cp.secret.SecretBox}. */
    @Column(name = "password_encrypted", nullable = false)
    public String passwordEncrypted;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostStatus status;

    public AgentEndpoint agentEndpoint() {
        return new AgentEndpoint(managementIp, agentPort);
    }
}
