/**
 * Value codecs: how task values of a class are encoded between driver and workers ({@link
 * io.taskbeam.codec.ValueCodec}), registered per jar through {@code java.util.ServiceLoader}. Part
 * of the public API; depends on nothing else of taskbeam.
 */
package io.taskbeam.codec;
