/**
 * Benchmarks of plexauth against its baselines, run by {@code bench/run.sh}, which writes {@code
 * docs/benchmarks.md}.
 *
 * <ul>
 *   <li>{@link dev.plexauth.bench.BareServer}: the framework's ceiling, a bare Javalin route with a
 *       fixed body, in a process started like {@code plexauth serve}.
 *   <li>{@link dev.plexauth.bench.SignInServer}: the embedded server with the per-address sign-in
 *       limit raised, for the sign-in load.
 *   <li>{@link dev.plexauth.bench.PasswordVerifyBenchmark}: the cost of one Argon2id verification.
 *   <li>{@link dev.plexauth.bench.TokenDetailsBenchmark}: the SDK's per-call cost against the JDK's
 *       and Apache's HTTP clients.
 *   <li>{@link dev.plexauth.bench.Report}: turns the raw results into the Markdown page.
 * </ul>
 */
package dev.plexauth.bench;
