/**
 * FASTQ statistics with file parameters, the seed's teaching exercise ("open the file in the
 * workers; thousands of lines over a network queue do not work"). Tasks take the file's path as a
 * FILE_IN parameter plus the number of their byte range, open the file where they run and return
 * the statistics of the records that start in their range; the driver never reads the file. A range
 * that starts inside a record skips to the next record start, which is recognised by a line
 * starting with '@' whose second next line starts with '+' (a quality line may start with '@' too,
 * but two lines after it comes a sequence, never a '+').
 *
 * <p>Without {@code --input}, a generator task writes realistic test data as a FILE_OUT parameter;
 * the statistics tasks read the same path as FILE_IN, so the SDK orders them after the generator
 * within one sync point.
 */
package io.taskbeam.pipelines.fastq;
