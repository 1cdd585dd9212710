using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Slurp.Grains.Access;
using Slurp.Grains.Keys;
using Slurp.Host.Configuration;

namespace Slurp.Deploy.Tests.Options;

/// <summary>
/// Whether an environment variable name sets something the host reads. <c>Slurp__A__B</c> is the
/// configuration path <c>Slurp:A:B</c> and must reach a settable value of <see cref="SlurpOptions"/>
/// (names compared case-insensitively, as configuration keys are), <c>Slurp:Keys:*</c> of
/// <see cref="KeyOptions"/> and <c>Slurp:Roles:&lt;role&gt;:*</c> of <see cref="DefaultRole"/>; lists take
/// indexes (<c>__0</c>, <c>__1</c>, …). Besides those only the connection string, ASP.NET Core's URL and
/// environment, <c>DOTNET_*</c> and <c>Logging__*</c> are accepted.
/// </summary>
internal static class OptionPaths
{
    private const string Separator = "__";

    private static readonly string[] OtherNames = ["ConnectionStrings__Slurp", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT"];

    private static readonly string[] OtherPrefixes = ["DOTNET_", "Logging__"];

    /// <summary>Null when <paramref name="name"/> (with <paramref name="value"/>, when known) sets a real option; otherwise why not.</summary>
    public static string? Problem(string name, string? value = null)
    {
        if (OtherNames.Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) ||
            OtherPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase) && name.Length > p.Length))
        {
            return null;
        }

        var segments = name.Split(Separator);
        if (!segments[0].Equals(SlurpOptions.Section, StringComparison.OrdinalIgnoreCase))
        {
            return $"not a Slurp__* option, nor one of {string.Join(", ", OtherNames)}, DOTNET_*, Logging__*";
        }

        if (segments.Any(s => s.Length == 0))
        {
            return $"an empty path segment (`{Separator}` separates segments; `___` or a trailing `{Separator}` is a typo)";
        }

        return segments switch
        {
            [_] => "Slurp is a section, not a value",
            [_, var keys, .. var rest] when keys.Equals("Keys", StringComparison.OrdinalIgnoreCase) =>
                Walk(typeof(KeyOptions), rest, "Slurp:Keys", value),
            [_, var roles] when roles.Equals("Roles", StringComparison.OrdinalIgnoreCase) =>
                "Slurp:Roles needs a role name, then AccessLevel, Scopes or CanWrite",
            [_, var roles, var role, .. var rest] when roles.Equals("Roles", StringComparison.OrdinalIgnoreCase) =>
                Walk(typeof(DefaultRole), rest, $"Slurp:Roles:{role}", value),
            [_, .. var rest] => Walk(typeof(SlurpOptions), rest, "Slurp", value),
            [] => "an empty name",
        };
    }

    private static string? Walk(Type type, string[] segments, string path, string? value)
    {
        foreach (var segment in segments)
        {
            if (IsValue(type))
            {
                return $"{path} is a value ({Describe(type)}); it has no '{segment}'";
            }

            if (ElementType(type) is { } element)
            {
                if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"{path} is a list: expected an index (__0, __1, …), not '{segment}'";
                }

                (type, path) = (element, $"{path}:{segment}");
                continue;
            }

            if (DictionaryValueType(type) is { } dictionaryValue)
            {
                (type, path) = (dictionaryValue, $"{path}:{segment}");
                continue;
            }

            var property = Settable(type).FirstOrDefault(p => p.Name.Equals(segment, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return $"{type.Name} has no option '{segment}' ({path}:{segment}){Suggestion(type, segment)}";
            }

            (type, path) = (property.PropertyType, $"{path}:{property.Name}");
        }

        if (!IsValue(type))
        {
            return ElementType(type) is not null
                ? $"{path} is a list: set its items, {path.Replace(":", Separator, StringComparison.Ordinal)}__0, __1, …"
                : $"{path} is a section ({type.Name}), not a value: set one of its options";
        }

        return value is null || Converts(type, value) ? null : $"{path} is {Describe(type)}; '{value}' does not convert";
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod?.IsPublic == true || !IsValue(p.PropertyType)));

    private static bool IsValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) ||
               t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid) || t == typeof(Uri) ||
               t == typeof(DateOnly) || t == typeof(TimeOnly);
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (DictionaryValueType(type) is not null || type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsGenericType ? type.GetGenericArguments()[0] : null;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static bool Converts(Type type, string value)
    {
        try
        {
            TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type).Name;

    private static string Suggestion(Type type, string segment)
    {
        var closest = Settable(type)
            .Select(p => (p.Name, Distance: EditDistance(p.Name.ToLowerInvariant(), segment.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return closest.Name is not null && closest.Distance <= Math.Max(2, segment.Length / 3)
            ? $" — did you mean '{closest.Name}'?"
            : $"; {type.Name} has {string.Join(", ", Settable(type).Select(p => p.Name))}";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
