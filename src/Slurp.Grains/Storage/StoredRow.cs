namespace Slurp.Grains.Storage;

/// <summary>
/// A grain state row as the store holds it: an opaque payload, its version (the ETag), and the state's parts
/// kept in rows of their own (a context node's versions; none for other states), ordered by number.
/// </summary>
public readonly record struct StoredRow(byte[] Payload, long Version, IReadOnlyList<StoredPart> Parts);

/// <summary>One separately stored part of a grain's state (a context node's version), by its number.</summary>
public readonly record struct StoredPart(long Number, byte[] Payload);
