package io.taskbeam.internal.beam;

import io.taskbeam.internal.data.ContextObjectInputStream;
import io.taskbeam.internal.data.SerialAllowList;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a chunk spec. A chunk of tiny tasks holds tens of thousands of calls; Java
 * serialization of that object graph spends most of its time in its back-reference table and writes
 * every repeated field name. Here each distinct task function is serialized once per chunk and
 * referred to by number, and the calls are flat fields.
 */
final class ChunkSpecCodec {
  private static final ArgSource.Kind[] KINDS = ArgSource.Kind.values();

  /**
   * What the serialized task functions of a spec may hold; reading one declares its method's types
   * to {@link SerialAllowList}, so the values the chunk then reads may be of those types.
   */
  private static final ObjectInputFilter FUNCTIONS =
      ObjectInputFilter.Config.createFilter(
          TaskFunction.class.getName()
              + ";io.taskbeam.Direction;io.taskbeam.FailurePolicy;java.lang.Enum;java.lang.String;!*");

  private ChunkSpecCodec() {}

  static void write(ChunkSpec spec, DataOutputStream out) throws IOException {
    out.writeInt(spec.stage());
    out.writeInt(spec.index());
    writeNullable(out, spec.storePath());
    Map<TaskFunction, Integer> functions = new IdentityHashMap<>();
    List<TaskFunction> table = new ArrayList<>();
    for (CallSpec call : spec.calls()) {
      if (functions.putIfAbsent(call.function(), table.size()) == null) {
        table.add(call.function());
      }
    }
    out.writeInt(table.size());
    for (TaskFunction function : table) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
        objects.writeObject(function);
      }
      out.writeInt(bytes.size());
      bytes.writeTo(out);
    }
    out.writeInt(spec.calls().size());
    for (CallSpec call : spec.calls()) {
      out.writeUTF(call.taskName());
      out.writeInt(functions.get(call.function()));
      out.writeInt(call.args().length);
      for (ArgSource arg : call.args()) {
        writeArg(arg, out);
      }
      out.writeInt(call.outKeys().length);
      for (String key : call.outKeys()) {
        writeNullable(out, key);
      }
      writeNullable(out, call.resultKey());
      out.writeInt(call.partKeys().length);
      for (String key : call.partKeys()) {
        writeNullable(out, key);
      }
    }
    writeStrings(out, spec.emitKeys());
    writeStrings(out, spec.storeKeys());
  }

  static ChunkSpec read(DataInputStream in) throws IOException {
    int stage = in.readInt();
    int index = in.readInt();
    String storePath = readNullable(in);
    TaskFunction[] table = new TaskFunction[in.readInt()];
    for (int i = 0; i < table.length; i++) {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      try {
        table[i] = (TaskFunction) ContextObjectInputStream.readFiltered(bytes, FUNCTIONS);
        SerialAllowList.declare(table[i].method(loader()));
      } catch (ClassNotFoundException e) {
        throw new IOException("a task class is not on this worker's classpath", e);
      }
    }
    int count = in.readInt();
    List<CallSpec> calls = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      String taskName = in.readUTF();
      TaskFunction function = table[in.readInt()];
      ArgSource[] args = new ArgSource[in.readInt()];
      for (int i = 0; i < args.length; i++) {
        args[i] = readArg(in);
      }
      String[] outKeys = new String[in.readInt()];
      for (int i = 0; i < outKeys.length; i++) {
        outKeys[i] = readNullable(in);
      }
      String resultKey = readNullable(in);
      String[] partKeys = new String[in.readInt()];
      for (int i = 0; i < partKeys.length; i++) {
        partKeys[i] = readNullable(in);
      }
      calls.add(new CallSpec(taskName, function, args, outKeys, resultKey, partKeys));
    }
    return new ChunkSpec(stage, index, calls, readStrings(in), readStrings(in), storePath);
  }

  private static ClassLoader loader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : ChunkSpecCodec.class.getClassLoader();
  }

  private static void writeArg(ArgSource arg, DataOutputStream out) throws IOException {
    out.writeByte(arg.kind().ordinal());
    writeNullable(out, arg.key());
    if (arg.inline() == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(arg.inline().length);
      out.write(arg.inline());
    }
    out.writeBoolean(arg.stored() != null);
    if (arg.stored() != null) {
      out.writeUTF(arg.stored().path());
      out.writeUTF(arg.stored().key());
    }
    out.writeBoolean(arg.copy());
    writeNullable(out, arg.freshType());
  }

  private static ArgSource readArg(DataInputStream in) throws IOException {
    ArgSource.Kind kind = KINDS[in.readByte()];
    String key = readNullable(in);
    int length = in.readInt();
    byte[] inline = null;
    if (length >= 0) {
      inline = new byte[length];
      in.readFully(inline);
    }
    StoredRef stored = in.readBoolean() ? new StoredRef(in.readUTF(), in.readUTF()) : null;
    boolean copy = in.readBoolean();
    return new ArgSource(kind, key, inline, stored, copy, readNullable(in));
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(in.readUTF());
    }
    return values;
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
