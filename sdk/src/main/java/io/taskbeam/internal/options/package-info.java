/**
 * Option handling that is not an options interface: {@link
 * io.taskbeam.internal.options.RunnerProfiles} expands {@code --profile=NAME} into the options of a
 * bundled or given profile file before Beam parses the command line. Used by {@code TaskBeam.start}
 * and {@code Cli.parse}; it knows nothing of the engine or the runners, only the text of options.
 */
package io.taskbeam.internal.options;
