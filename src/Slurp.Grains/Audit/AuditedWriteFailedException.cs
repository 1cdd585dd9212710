namespace Slurp.Grains.Audit;

/// <summary>
/// A change and the audit entry it carried (<see cref="AuditCarrier"/>) could not be committed: neither was
/// stored. The front door answers 503; the inner exception says why (a transient one is retried first).
/// </summary>
[GenerateSerializer, Alias("slurp.AuditedWriteFailedException")]
public sealed class AuditedWriteFailedException : Exception
{
    public const string Text = "the change and its audit record could not be committed; the request was refused and nothing was changed";

    public AuditedWriteFailedException()
        : base(Text)
    {
    }

    public AuditedWriteFailedException(string message)
        : base(message)
    {
    }

    public AuditedWriteFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditedWriteFailedException(Exception innerException)
        : base(Text, innerException)
    {
    }
}
