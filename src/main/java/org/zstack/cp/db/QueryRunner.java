package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.Replies;

import java.util.List;
import java.util.function.Function;

/** Runs a {@link Query} against a repository and maps the rows to inventories. */
public final class QueryRunner {
    private QueryRunner() {
    }

    /** One page of rows (none for {@code count=true}), and the total when the query asked for it. */
    public record Page<E>(List<E> rows, Long total) {
    }

    public static <E, I> Uni<Replies.Inventories<I>> run(PanacheRepositoryBase<E, String> repository, Query query,
                                                         Function<E, I> toInventory) {
        return page(repository, query).map(page ->
                Replies.inventories(page.rows().stream().map(toInventory).toList(), page.total()));
    }

    public static <E> Uni<Page<E>> page(PanacheRepositoryBase<E, String> repository, Query query) {
        Uni<List<E>> rows = query.limit() == 0 || query.count()
                ? Uni.createFrom().item(List.of())
                : find(repository, query).range(query.start(), query.start() + query.limit() - 1).list();
        if (!query.counts()) {
            return rows.map(list -> new Page<>(list, null));
        }
        return rows.flatMap(list -> count(repository, query).map(total -> new Page<>(list, total)));
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
