/**
 * The live dashboard: a page the driver serves while the run goes on ({@code --dashboard}), with
 * progress per task function, the sync points and where their time went, the first failure, the
 * task stream per worker thread, the workers' CPU, heap and slots with the data store's cache hits
 * ({@code WorkerPanel}), and the task graph.
 *
 * <h2>Design</h2>
 *
 * As in Dask's dashboard, the page is a view of the observer's own event stream, not a second
 * bookkeeping: {@link io.taskbeam.internal.observe.RunObserver} hands {@link
 * io.taskbeam.internal.dashboard.LiveRun} what it already gets (a task submitted, a sync point
 * compiled, the chunks' status files it polls, the chunks' task events, the end, and the runner's
 * samples of its workers), translated to this package's plain records, so the package depends on no
 * other internal one. The run's {@code report.html} is the same page frozen with the final state
 * ({@link io.taskbeam.internal.dashboard.LiveRun#frozenPage}): one renderer, live and after the
 * run. State is bounded: counters per function, the last sync points, a ring of task bars, task
 * graph nodes up to a limit, one row per worker process up to a limit; a submitted task costs one
 * counter update, and with {@code --dashboard=off} none of this exists.
 *
 * <p>{@link io.taskbeam.internal.dashboard.DashboardServer} serves the page and a stream of
 * server-sent events on the JDK's HTTP server, on a loopback address only (plain HTTP: a remote
 * viewer tunnels in), each request checked against a random per-run token.
 */
package io.taskbeam.internal.dashboard;
