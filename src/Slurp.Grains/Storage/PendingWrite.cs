namespace Slurp.Grains.Storage;

/// <summary>
/// One queued change for the group-commit writer. <see cref="ExpectedVersion"/> null means
/// "the row must not exist"; <see cref="Payload"/> null means delete.
/// </summary>
internal sealed class PendingWrite(string stateName, string grainId, byte[]? payload, long? expectedVersion)
{
    public string StateName { get; } = stateName;
    public string GrainId { get; } = grainId;
    public byte[]? Payload { get; } = payload;
    public long? ExpectedVersion { get; } = expectedVersion;

    /// <summary>Completes with the new version (0 after a delete), or -1 when the ETag did not match.</summary>
    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
