namespace Slurp.Abstractions.Context;

/// <summary>Every (project, task) that has a root node (one grain, key <see cref="Key"/>): where tree walks start.</summary>
[Alias("slurp.IProjectDirectoryGrain")]
public interface IProjectDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "directory/projects";

    /// <summary>Records a project/task (idempotent); a write it makes commits <paramref name="audit"/> with it: true when it did.</summary>
    [Alias("Register")]
    Task<bool> RegisterAsync(string project, string task, AuditNote? audit = null, CancellationToken cancellationToken = default);

    /// <summary>All registered "project/task" pairs, ordinal order.</summary>
    [Alias("GetAll"), ReadOnly]
    Task<string[]> GetAllAsync(CancellationToken cancellationToken = default);
}
