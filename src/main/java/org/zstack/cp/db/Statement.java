package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.Optional;

/** One statement that does a whole update where every rule of the update holds; empty when it matched nothing. */
@FunctionalInterface
public interface Statement<T> {
    Uni<Optional<T>> on(SqlClient client);
}
