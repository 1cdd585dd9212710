using System.Text.Json;

namespace Slurp.Domain.Tests.Context;

/// <summary>A generated input whose failure report shows its content rather than type names.</summary>
internal abstract record GeneratedCase
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed override string ToString() => JsonSerializer.Serialize<object>(this, Indented);
}
