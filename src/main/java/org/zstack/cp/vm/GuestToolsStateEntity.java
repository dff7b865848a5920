package org.zstack.cp.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "guest_tools_state")
public class GuestToolsStateEntity extends TimestampedEntity {
    @Id
    @Column(name = "vm_instance_uuid")
    public String vmInstanceUuid;

    @Enumerated(EnumType.STRING)
    @Column(name = "qga_state", nullable = false)
    public QgaState qgaState;

    @Enumerated(EnumType.STRING)
    @Column(name = "zwatch_state", nullable = false)
    public ZWatchState zwatchState;

    public String version;

    public String platform;

    @Column(name = "os_type")
    public String osType;

    static GuestToolsStateEntity initial(String vmUuid) {
        GuestToolsStateEntity row = new GuestToolsStateEntity();
        row.vmInstanceUuid = vmUuid;
        row.qgaState = QgaState.NotInstalled;
        row.zwatchState = ZWatchState.NotInstalled;
        return row;
    }
}
