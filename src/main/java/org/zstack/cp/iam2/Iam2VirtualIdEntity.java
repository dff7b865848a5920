package org.zstack.cp.iam2;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "iam2_virtual_id")
public class Iam2VirtualIdEntity extends TimestampedEntity {
    static final String TYPE = "ZStack";

    @Id
    public String uuid;

    @Column(nullable = false, unique = true)
    public String name;

    public String description;

    /** An Argon2id hash of the string the client sent; never the string itself. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Iam2VirtualIdState state;

    @Column(nullable = false)
    public String type;
}
