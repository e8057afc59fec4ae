package io.coffer.routing.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity whose rows are replicated from its remote store to the local store of every data-plane host:
 * every insert, update and delete of it becomes a replication event. An entity without it stays on the remote store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Replicated {}
