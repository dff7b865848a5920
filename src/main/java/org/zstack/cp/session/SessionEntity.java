package org.zstack.cp.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

import java.time.Instant;

@Entity
@Table(name = "session")
public class SessionEntity extends TimestampedEntity {
    @Id
    public String uuid;

    @Column(name = "account_uuid", nullable = false)
    public String accountUuid;

    @Column(name = "user_uuid", nullable = false)
    public String userUuid;

    @Column(name = "user_type", nullable = false)
    public String userType;

    @Column(name = "expired_date", nullable = false)
    public Instant expiredDate;
}
