package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

/** ZStack's rule that every row has a {@code createDate} and a {@code lastOpDate} that moves on update. */
@MappedSuperclass
public abstract class TimestampedEntity extends PanacheEntityBase {
    @CreationTimestamp
    @Column(name = "create_date", nullable = false, updatable = false)
    public Instant createDate;

    @UpdateTimestamp
    @Column(name = "last_op_date", nullable = false)
    public Instant lastOpDate;
}
