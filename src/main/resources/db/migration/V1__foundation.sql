-- Accounts and sessions (ZStack's AccountVO and SessionVO).
CREATE TABLE account (
    uuid          varchar(32)  PRIMARY KEY,
    name          varchar(255) NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    type          varchar(32)  NOT NULL,
    create_date   timestamptz  NOT NULL,
    last_op_date  timestamptz  NOT NULL
);

CREATE TABLE session (
    uuid          varchar(32)  PRIMARY KEY,
    account_uuid  varchar(32)  NOT NULL REFERENCES account (uuid) ON DELETE CASCADE,
    user_uuid     varchar(32)  NOT NULL,
    user_type     varchar(64)  NOT NULL,
    expired_date  timestamptz  NOT NULL,
    create_date   timestamptz  NOT NULL,
    last_op_date  timestamptz  NOT NULL
);
CREATE INDEX session_expired_date_idx ON session (expired_date);

-- Tags: one row per (resource, tag).
CREATE TABLE system_tag (
    uuid          varchar(32)   PRIMARY KEY,
    resource_uuid varchar(32)   NOT NULL,
    resource_type varchar(64)   NOT NULL,
    tag           varchar(2048) NOT NULL,
    create_date   timestamptz   NOT NULL,
    last_op_date  timestamptz   NOT NULL,
    UNIQUE (resource_uuid, tag)
);

CREATE TABLE user_tag (
    uuid          varchar(32)   PRIMARY KEY,
    resource_uuid varchar(32)   NOT NULL,
    resource_type varchar(64)   NOT NULL,
    tag           varchar(2048) NOT NULL,
    create_date   timestamptz   NOT NULL,
    last_op_date  timestamptz   NOT NULL,
    UNIQUE (resource_uuid, tag)
);

-- KVM hosts; the SSH password is sealed with AES-GCM by the service.
CREATE TABLE host (
    uuid               varchar(32)   PRIMARY KEY,
    name               varchar(255)  NOT NULL,
    description        varchar(2048),
    management_ip      varchar(255)  NOT NULL UNIQUE,
    agent_port         integer       NOT NULL CHECK (agent_port BETWEEN 1 AND 65535),
    ssh_port           integer       NOT NULL CHECK (ssh_port BETWEEN 1 AND 65535),
    username           varchar(255)  NOT NULL,
    password_encrypted varchar(1024) NOT NULL,
    state              varchar(32)   NOT NULL,
    status             varchar(32)   NOT NULL,
    create_date        timestamptz   NOT NULL,
    last_op_date       timestamptz   NOT NULL
);

CREATE TABLE vm_instance (
    uuid            varchar(32)   PRIMARY KEY,
    name            varchar(255)  NOT NULL,
    description     varchar(2048),
    state           varchar(32)   NOT NULL,
    host_uuid       varchar(32)   NOT NULL REFERENCES host (uuid),
    hypervisor_type varchar(32)   NOT NULL,
    platform        varchar(255),
    guest_os_type   varchar(255),
    create_date     timestamptz   NOT NULL,
    last_op_date    timestamptz   NOT NULL
);
CREATE INDEX vm_instance_host_uuid_idx ON vm_instance (host_uuid);
