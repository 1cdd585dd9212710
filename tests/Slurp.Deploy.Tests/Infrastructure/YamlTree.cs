using YamlDotNet.RepresentationModel;

namespace Slurp.Deploy.Tests.Infrastructure;

/// <summary>
/// YAML documents as plain trees: aliases resolved and merge keys (<c>&lt;&lt;: *anchor</c>,
/// <c>&lt;&lt;: [*a, *b]</c>) applied the way Compose applies them — keys written in the mapping win,
/// then the merged mappings in order.
/// </summary>
internal static class YamlTree
{
    private const string MergeKey = "<<";

    /// <summary>Every non-empty document of a (multi-document) YAML text.</summary>
    public static IReadOnlyList<YamlNode> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(d => d.RootNode)
            .Where(n => n is not YamlScalarNode { Value: null or "" })
            .Select(Merge)
            .ToList();
    }

    public static YamlMappingNode LoadMapping(string text) =>
        LoadAll(text) is [YamlMappingNode root] ? root : throw new InvalidOperationException("expected one YAML mapping document");

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The text of a scalar; null for a missing node, a mapping or a sequence.</summary>
    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static string? Text(this YamlNode? node, string key) => node.Get(key).Text();

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(c => KeyValuePair.Create(c.Key.Text() ?? "", c.Value))
            : [];

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>Whether a scalar is text for a consumer that reads YAML 1.1/1.2 core types (Kubernetes): quoted, or plain but not a number or boolean.</summary>
    public static bool IsString(this YamlNode? node) =>
        node is YamlScalarNode scalar &&
        (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain ||
         !(double.TryParse(scalar.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ||
           scalar.Value is "true" or "false" or "True" or "False" or "yes" or "no" or "on" or "off" or "null" or "~"));

    private static YamlNode Merge(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var merged = new YamlMappingNode();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key.Text() != MergeKey)
                    {
                        merged.Children[Merge(key)] = Merge(value);
                    }
                }

                foreach (var source in MergeSources(mapping))
                {
                    foreach (var (key, value) in ((YamlMappingNode)Merge(source)).Children)
                    {
                        merged.Children.TryAdd(key, value);
                    }
                }

                return merged;
            case YamlSequenceNode sequence:
                return new YamlSequenceNode(sequence.Children.Select(Merge));
            default:
                return node;
        }
    }

    private static IEnumerable<YamlNode> MergeSources(YamlMappingNode mapping) =>
        mapping.Children.TryGetValue(new YamlScalarNode(MergeKey), out var sources)
            ? sources switch
            {
                YamlMappingNode one => [one],
                YamlSequenceNode many => many.Children,
                _ => throw new InvalidOperationException("a merge key takes a mapping or a list of mappings"),
            }
            : [];
}
