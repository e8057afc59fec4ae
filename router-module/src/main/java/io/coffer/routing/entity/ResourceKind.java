package io.coffer.routing.entity;

/** The kinds of customer resources the base store routes. */
public enum ResourceKind {
    VAULT,
    KEY,
    SECRET
}
