package org.zstack.cp.tag;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_tag")
public class UserTagEntity extends TagEntity {
}
