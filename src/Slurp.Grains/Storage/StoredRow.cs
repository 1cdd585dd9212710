namespace Slurp.Grains.Storage;

/// <summary>A grain state row as the store holds it: an opaque payload and its version (the ETag).</summary>
public readonly record struct StoredRow(byte[] Payload, long Version);
