package org.zstack.cp.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "account")
public class AccountEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String type;
}
