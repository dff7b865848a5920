-- The guest-tools state of each VM (ZStack's GuestToolsStateVO): one row per VM, created with it.
CREATE TABLE guest_tools_state (
    vm_instance_uuid varchar(32)  PRIMARY KEY REFERENCES vm_instance (uuid) ON DELETE CASCADE,
    qga_state        varchar(32)  NOT NULL,
    zwatch_state     varchar(32)  NOT NULL,
    version          varchar(255),
    platform         varchar(255),
    os_type          varchar(255),
    create_date      timestamptz  NOT NULL,
    last_op_date     timestamptz  NOT NULL
);

-- VMs created before this table existed start as NotInstalled, like new ones.
INSERT INTO guest_tools_state (vm_instance_uuid, qga_state, zwatch_state, create_date, last_op_date)
SELECT uuid, 'NotInstalled', 'NotInstalled', now(), now() FROM vm_instance
ON CONFLICT DO NOTHING;
