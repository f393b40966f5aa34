/**
 * The compiler: tasks pending at a sync point in, a {@link io.taskbeam.internal.plan.Plan} out. A
 * pure function ({@link io.taskbeam.internal.plan.PlanCompiler#compile}), so plans are tested
 * without running anything.
 *
 * <h2>How tasks become stages</h2>
 *
 * <ol>
 *   <li><b>Units.</b> Each task is a unit, except that the members of one commutative group form a
 *       single unit, run in submission order where its element is processed.
 *   <li><b>Chains.</b> A call joins the unit of a predecessor when both run the same function, the
 *       predecessor is the last call of its unit and nothing else pending reads what it wrote,
 *       every other input of the call is ready before that unit starts, and nothing the call
 *       modifies in place is kept for the program. The INOUT chain {@code C += A[k] x B[k]} thus
 *       becomes one unit: its intermediate versions stay in the worker's memory instead of crossing
 *       a shuffle per link, and no parallelism is lost, since each link had to wait for the one
 *       before anyway. {@code --fuseChains=false} turns this off.
 *   <li><b>Depth.</b> A unit's depth is the length of the longest chain of pending units before it
 *       (0 when every input is a program value or was computed at an earlier sync point).
 *   <li><b>Stages.</b> Units of the same function and depth form one stage: one Beam ParDo over
 *       many tasks, never one transform per task. The step is named after the function ({@code
 *       multiplyRows}, or {@code multiplyAccumulate@2} when the function has stages at several
 *       depths).
 *   <li><b>Chunks.</b> A stage's units are packed into {@code parallelism x chunksPerWorker}
 *       contiguous chunks, balanced by calls (a unit goes where its middle call falls). A chunk is
 *       one element of the ParDo, so the runner's cost per element is paid per chunk, not per task.
 *   <li><b>Inputs.</b> For each argument: a value read by several chunks of the stage becomes the
 *       stage's side input (the shared matrix: broadcast once per worker, not copied per task); a
 *       value from an earlier stage read by one chunk is routed to that chunk through the main
 *       input (grouped by chunk index); a small program value travels inside the chunk; a large one
 *       is written to the work directory once and read where needed.
 *   <li><b>Outputs.</b> A chunk emits the versions later stages read and writes the versions the
 *       program may still need (the latest version of every datum it wrote) to one bundle file in
 *       the work directory.
 * </ol>
 *
 * <h2>Priority</h2>
 *
 * A function marked {@code @Task(priority = true)} (PyCOMPSs {@code priority=True}) gets what the
 * plan can promise without Beam's help, since Beam has no order among independent stages:
 *
 * <ul>
 *   <li>Its stage comes first among the stages of its depth (the stages that could share a step
 *       with it), so a runner that starts stages in plan order starts it first.
 *   <li>With one worker ({@code parallelism == 1}) every other stage of that depth waits for it: an
 *       empty main-input route from the priority stage ({@code after=} in {@link
 *       io.taskbeam.internal.plan.Plan#describe}), whose group-by-key completes only once the
 *       priority stage is done. Every priority call then runs before every other call of its depth,
 *       on any runner; one worker runs one thing at a time anyway, so nothing is lost.
 *   <li>With several workers there is no such wait (it would leave workers idle while a priority
 *       stage drains), so calls of other stages may run beside or before the priority calls.
 * </ul>
 *
 * A stage holds one function, so a chunk's calls are all priority or all not: "priority first
 * within a chunk" holds by construction. Priority never reorders dependent work: a priority call
 * that reads another task's result still runs after it, and a priority stage at depth 2 does not
 * overtake a stage at depth 1.
 *
 * <h2>Why shared data is a side input</h2>
 *
 * In the row-wise product every task reads B. Routing B through the main input would make one copy
 * per chunk and a shuffle of all of them; as a side input the runner hands each worker one copy,
 * and a B too large for the job graph is a reference to a work-directory file that each worker JVM
 * loads once ({@link io.taskbeam.internal.data.SharedCache}).
 *
 * <h2>Worked example</h2>
 *
 * The blocked product with 3x3 blocks, {@code C[i][j] += A[i][k] x B[k][j]} as INOUT, two workers:
 * 27 tasks. Each C block's chain of three updates is fused into one unit, so the plan is one stage
 * of nine units in two chunks; each chunk reads B and the A blocks of its rows and stores its final
 * C blocks. Without fusion, the INOUT chain on each C block gives depths 0, 1, 2, so the plan has
 * three stages {@code multiplyAccumulate@0..2} of 9 tasks, each in 2 chunks (C blocks (0,0)..(1,1)
 * in chunk 0, the other four in chunk 1). In stage k, B[k][0..2] and A[1][k] are read from both
 * chunks and become side inputs; A[0][k] and A[2][k] are read by one chunk each and travel inside
 * it. Stage k+1 receives each C block's new version from stage k through its main input, routed to
 * the chunk of the task that updates it next. The third stage stores the nine final C blocks for
 * {@code waitOn}. With COMMUTATIVE updates the same program is one stage of nine units of three
 * calls each.
 */
package io.taskbeam.internal.plan;
