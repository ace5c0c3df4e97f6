using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AqTrading.Reconciliation.Rules.Audit;

/// <summary>The hashed content of an audit row.</summary>
public sealed record AuditRecord(long Sequence, Guid Id, DateTimeOffset OccurredAt, string EventType, string ActorType, string ActorId,
    string ResourceType, string? ResourceId, string Source, string Details);

public sealed record AuditLink(AuditRecord Record, string? PreviousHash, string Hash);

/// <summary>A verification's answer: valid, or the first row whose link is broken and why.</summary>
public sealed record ChainVerification(bool IsValid, long EntriesVerified, long? FirstBrokenSequence, string? Problem);

/// <summary>
/// The audit hash chain: each row's hash is SHA-256 over the previous row's hash and the row's canonical content, so an
/// edit, insertion or deletion anywhere breaks the chain from that row on.
/// </summary>
public static class AuditChain
{
    /// <summary>Times are hashed at microsecond precision, the precision PostgreSQL stores.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new DateTimeOffset(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    public static string Canonical(AuditRecord r) => string.Join('\u001f',
        r.Sequence.ToString(CultureInfo.InvariantCulture), r.Id.ToString("N"),
        Truncate(r.OccurredAt).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        r.EventType, r.ActorType, r.ActorId, r.ResourceType, r.ResourceId ?? "", r.Source, r.Details);

    public static string Hash(string? previousHash, AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((previousHash ?? "") + "\n" + Canonical(record))));

    /// <summary>Checks rows in sequence order: gapless sequence from the first, each previous hash, each hash recomputed.</summary>
    public static ChainVerification Verify(IEnumerable<AuditLink> links, long? expectedFirstSequence = 1, string? expectedPreviousHash = null)
    {
        var previous = expectedPreviousHash;
        var expected = expectedFirstSequence;
        long count = 0;
        foreach (var link in links)
        {
            var sequence = link.Record.Sequence;
            if (expected is not null && sequence != expected)
            {
                return new ChainVerification(false, count, sequence, $"Sequence {expected} is missing: the next row is {sequence}.");
            }

            if (link.PreviousHash != previous)
            {
                return new ChainVerification(false, count, sequence, $"Row {sequence} does not link to the hash of the row before it.");
            }

            if (Hash(link.PreviousHash, link.Record) != link.Hash)
            {
                return new ChainVerification(false, count, sequence, $"Row {sequence} was changed: its content no longer matches its hash.");
            }

            previous = link.Hash;
            expected = sequence + 1;
            count++;
        }

        return new ChainVerification(true, count, null, null);
    }
}

/// <summary>Redacts secrets from audit details and writes them as canonical JSON (sorted keys, no whitespace).</summary>
public static class AuditDetails
{
    private static readonly string[] SecretNames =
        ["password", "secret", "token", "api_key", "apikey", "credential", "signing_key", "signingkey", "authorization", "private_key", "ssn"];

    public static bool IsSecret(string name)
    {
        var n = name.ToLowerInvariant().Replace("-", "_");
        return SecretNames.Any(n.Contains);
    }

    /// <summary>Strings keep their first and last two characters (<c>ab****yz</c>; <c>****</c> when short); other values become <c>****</c>.</summary>
    public static string Mask(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 4 ? $"{s[..2]}****{s[^2..]}" : "****";

    public static string Canonicalize(JsonNode? details) => Canonical(Redact(details))?.ToJsonString() ?? "{}";

    public static string Canonicalize(object? details) =>
        Canonicalize(details is null ? null : JsonSerializer.SerializeToNode(details, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    private static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = IsSecret(key) && value is not JsonObject and not JsonArray ? JsonValue.Create(Mask(value)) : Redact(value?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Redact(array[i]?.DeepClone());
                }

                return array;
            default:
                return node;
        }
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(n => Canonical(n?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
