namespace Slurp.Durability.Tests;

/// <summary>
/// Tests that run the real host as a child process. They run one after another: two hosts fsyncing and
/// compiling at once on a 2-core machine would turn time bounds into noise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealHostCollection
{
    public const string Name = "real host process";
}
