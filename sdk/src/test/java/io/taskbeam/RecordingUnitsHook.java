package io.taskbeam;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ComputingUnitsHook} that records what it is told, for {@link ConstraintsTest}. */
public final class RecordingUnitsHook implements ComputingUnitsHook {
  static final List<Integer> TOLD = new CopyOnWriteArrayList<>();

  /** ServiceLoader creates it. */
  public RecordingUnitsHook() {}

  @Override
  public void use(int units) {
    TOLD.add(units);
  }
}
