namespace Slurp.Domain.Context;

/// <summary>
/// Counts resolved values by their source (chain indices): the target's own feed the specificity score,
/// distinct ancestors the inheritance depth.
/// </summary>
internal sealed class SourceTally(int target)
{
    private readonly HashSet<int> _ancestors = [];
    private int _own;
    private int _total;

    /// <summary>How many distinct ancestors supplied at least one counted value.</summary>
    public int ContributingAncestors => _ancestors.Count;

    /// <summary>own / total rounded to 4 decimals (midpoints away from zero); 1.0 when nothing was counted.</summary>
    public double SpecificityScore =>
        _total == 0 ? 1.0 : Math.Round((double)_own / _total, 4, MidpointRounding.AwayFromZero);

    /// <summary>Counts a summary or purpose when one was resolved.</summary>
    public void Count((string Value, int Source)? resolved)
    {
        if (resolved is { } value)
        {
            Count(value.Source);
        }
    }

    /// <summary>Counts every resolved list entry.</summary>
    public void CountAll(List<(string Value, int Source)> resolved)
    {
        foreach (var (_, source) in resolved)
        {
            Count(source);
        }
    }

    private void Count(int source)
    {
        _total++;
        if (source == target)
        {
            _own++;
        }
        else
        {
            _ancestors.Add(source);
        }
    }
}
