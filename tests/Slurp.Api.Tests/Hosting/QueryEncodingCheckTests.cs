using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Host.Api;

namespace Slurp.Api.Tests.Hosting;

/// <summary>
/// A query string passes exactly when every parameter percent-decodes to UTF-8; the one that does not is named.
/// </summary>
public sealed class QueryEncodingCheckTests
{
    // Text a client can send: any characters, surrogate pairs kept whole (a lone surrogate has no UTF-8 form).
    private static readonly Gen<string> Texts =
        Gen.ListOf(Gen.OneOf(
                Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString()),
                Gen.Choose(0xA0, 0xD7FF).Select(c => ((char)c).ToString()),
                Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)))
            .Select(parts => string.Concat(parts));

    private static readonly Gen<byte[]> NotUtf8 =
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Where(bytes => !Utf8.IsValid(bytes));

    [Property(MaxTest = 500)]
    public Property TextEscapedAsItsUtf8BytesPasses() =>
        Prop.ForAll(Gen.ListOf(Gen.Zip(Texts, Texts)).ToArbitrary(), pairs =>
            QueryEncodingCheck.InvalidParameter(Query(pairs.Select(p => (Uri.EscapeDataString(p.Item1), Uri.EscapeDataString(p.Item2))))) is null);

    [Property(MaxTest = 500)]
    public Property AValueWhoseBytesAreNotUtf8IsNamed() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(0, 3), NotUtf8).ToArbitrary(), input =>
        {
            var (before, bytes) = input;
            var pairs = Enumerable.Range(0, before).Select(i => ("p" + i, "ok%C3%A9"))
                .Append(("address", string.Concat(bytes.Select(b => "%" + b.ToString("X2")))))
                .Append(("after", "x"));
            return QueryEncodingCheck.InvalidParameter(Query(pairs)) == "address";
        });

    [Theory]
    [InlineData("?address=%FF", "address")]
    [InlineData("?address=ucxl%3A%2F%2Fa%3Ab%40p%3At%2Fsrc%2F%ED%A0%80", "address")]
    [InlineData("?address=%C0%AF", "address")]
    [InlineData("?address=%C3", "address")]
    [InlineData("?address=%c3%a9&branch=%e9", "branch")]
    [InlineData("?x%FF=1", "x\uFFFD")]
    public void NonUtf8BytesAreRefusedWithTheParameterNamed(string query, string name) =>
        Assert.Equal(name, QueryEncodingCheck.InvalidParameter(query));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?address=ucxl%3A%2F%2Fa%3Ab%40p%3At%2Fsrc%2F%C3%A9")]
    [InlineData("?address=%F0%9F%98%80")]
    [InlineData("?address=100%")]
    [InlineData("?address=%G1%FZ")]
    [InlineData("?a=%7E&b=%41%42")]
    public void UnescapedTextAndUtf8BytesPass(string? query) =>
        Assert.Null(QueryEncodingCheck.InvalidParameter(query));

    [Fact]
    public void ALongParameterNameIsShortenedInTheAnswer()
    {
        var name = QueryEncodingCheck.InvalidParameter("?" + new string('n', 500) + "=%FF");

        Assert.NotNull(name);
        Assert.True(name.Length <= 65, name);
    }

    private static string Query(IEnumerable<(string Name, string Value)> pairs) =>
        "?" + string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
}
