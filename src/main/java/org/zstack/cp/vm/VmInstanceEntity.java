package org.zstack.cp.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "vm_instance")
public class VmInstanceEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(nullable = false)
    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VmState state;

    @Column(name = "host_uuid", nullable = false)
    public String hostUuid;

    @Column(name = "hypervisor_type", nullable = false)
    public String hypervisorType;

    public String platform;

    @Column(name = "guest_os_type")
    public String guestOsType;
}
