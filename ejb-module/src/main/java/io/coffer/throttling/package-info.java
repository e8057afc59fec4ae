/**
 * Throttling: per-tenancy and service-wide token buckets per operation class (data-plane reads, control-plane reads,
 * control-plane writes), so that one bursty tenancy cannot brown out the others or the stores behind them.
 *
 * <p>Rules a change must keep:
 * <ul>
 * <li>A request is checked against its tenancy's bucket of its class, then against the service-wide bucket of that
 * class; a request refused by either is answered 429 TooManyRequests with {@code Retry-After} and changes nothing.
 * Admin and console calls are never throttled: the operator must be able to act while the service is busy.</li>
 * <li>A request is throttled by the tenancy its verified signature names. The one exception is a refusal decided
 * before the signature is checked ({@code RequestThrottle.refusedEarly}): only when this host already found that
 * tenancy's bucket empty and its next token is not due, so it would be refused anyway; an unverified keyId never
 * admits, spends or creates anything.</li>
 * <li>A bucket's state is one {@code Long} in the data grid (JCache): the time its next token is due, as the generic
 * cell rate algorithm keeps it ({@code TokenBucket}), so a limit holds across every host together. Hosts take small
 * batches of tokens from it ({@code HostAllowance}), so most requests cost no grid round trip.</li>
 * <li>When the grid cannot be reached in time, a host enforces every limit with buckets of its own for a while
 * (fail-open per host, {@code FailOpenBuckets}): the limit then holds per host, never blocks a request on the grid.</li>
 * <li>Limits are rows in the base store ({@code LimitSet}), replicated, set at runtime by the operator and followed
 * by every host within seconds; a missing value is the default. Rates and burst are whole numbers, at least 1.</li>
 * <li>Time comes from the injected real-time clock; no rule reads the wall clock itself.</li>
 * </ul>
 */
package io.coffer.throttling;
