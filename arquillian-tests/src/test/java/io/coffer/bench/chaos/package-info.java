/**
 * The chaos run: a steady load of signed writes and reads against a three-host topology while its processes are
 * killed (kill -9) and frozen (SIGSTOP), each fault repaired the way an operator would ({@code ./coffer start},
 * SIGCONT), with a client-side {@link io.coffer.bench.chaos.Ledger} of every acknowledged write.
 *
 * <p>Rules the run keeps:
 * <ul>
 *   <li>A write counts as acknowledged only when Coffer answered 2xx; a refusal is counted by its status code; a write
 *       that got no answer is in doubt (it may or may not exist) and is never counted as lost or duplicated.</li>
 *   <li>After every fault the load pauses and the {@link io.coffer.bench.chaos.Audit} compares the ledger with the remote
 *       store (exactly once, no version gaps), every host's replica (checksums), and what every host reads.</li>
 *   <li>Every wait has a deadline: the run stops by itself and says what did not recover.</li>
 * </ul>
 */
package io.coffer.bench.chaos;
