package org.zstack.cp.api;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** Runs a {@link Query} against a repository and maps the rows to inventories. */
public final class QueryRunner {
    private QueryRunner() {
    }

    public static <E, I> Uni<Replies.Inventories<I>> run(PanacheRepositoryBase<E, String> repository, Query query,
                                                         Function<E, I> toInventory) {
        Uni<List<I>> page = query.limit() == 0
                ? Uni.createFrom().item(List.of())
                : find(repository, query).range(query.start(), query.start() + query.limit() - 1).list()
                        .map(rows -> rows.stream().map(toInventory).toList());
        if (!query.replyWithCount()) {
            return page.map(list -> Replies.inventories(list, null));
        }
        return page.flatMap(list -> count(repository, query).map(total -> Replies.inventories(list, total)));
    }

    private static <E> PanacheQuery<E> find(PanacheRepositoryBase<E, String> repository, Query query) {
        return query.where().isEmpty()
                ? repository.findAll(query.sort())
                : repository.find(query.where(), query.sort(), query.parameters());
    }

    private static <E> Uni<Long> count(PanacheRepositoryBase<E, String> repository, Query query) {
        return query.where().isEmpty() ? repository.count() : repository.count(query.where(), query.parameters());
    }
}
