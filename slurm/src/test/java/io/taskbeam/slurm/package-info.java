/**
 * Tests of {@code flink/bin/taskbeam-sbatch} on a real SLURM started by the test itself ({@link
 * io.taskbeam.slurm.SlurmLab}): the submitted matmul's verified result, a TaskManager per node, and
 * nothing left running after a job, also after {@code scancel} mid-run.
 */
package io.taskbeam.slurm;
