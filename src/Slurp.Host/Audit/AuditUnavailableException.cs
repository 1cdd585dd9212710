namespace Slurp.Host.Audit;

/// <summary>The audit record could not be written: the request fails (503) before it changes anything.</summary>
public sealed class AuditUnavailableException(Exception inner)
    : Exception("the audit log cannot be written; the request was refused and nothing was changed", inner);
