using System.Globalization;
using System.Runtime.InteropServices;
using Itm.Data.Ranking;
using Itm.Index.Vectors;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Catalog;

/// <summary>
/// The index's SQLite database (<c>catalog.db</c>): tables <c>meta</c> (key/value: format version, identity,
/// per-collection generation, committed rows, revision, graph revision and graph checksum, checksum block size),
/// <c>images</c> (id, path, size, mtime_ticks, vector_row, error), <c>captions</c> (id, text, vector_row) and
/// <c>vector_blocks</c> (collection, block, sha256: the checksums of the current vector files' blocks) and
/// <c>garnet_removed</c> (collection, row: dead rows already removed from a Garnet copy, kept by Itm.Index.Garnet's
/// <c>GarnetMirror</c>) and <c>image_words</c> (image_id, words: the words read inside an image by <c>itm index
/// --ocr</c>, space-separated tokens; '' when it was read and holds none). <c>image_words</c> came without a format
/// version change: older readers never look at it, the first writer of an older index creates it, and its triggers
/// drop an image's words whenever its row is deleted or its file changes, so they never outlive the file they were
/// read from, whichever itm writes. Write-ahead logging with full sync: a committed
/// transaction survives a crash, an uncommitted one leaves no trace.
/// </summary>
public sealed class IndexCatalog : IDisposable
{
    /// <summary>Version 2 added the checksums; an older itm refuses it rather than append rows without them.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Version 1 (no checksums) is read, and brought up to version 2 by the next writer.</summary>
    public const int OldestReadableFormatVersion = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS images (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime_ticks INTEGER NOT NULL,
            vector_row INTEGER,
            error TEXT);
        CREATE INDEX IF NOT EXISTS images_vector_row ON images (vector_row);
        CREATE TABLE IF NOT EXISTS captions (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL UNIQUE,
            vector_row INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS captions_vector_row ON captions (vector_row);
        CREATE TABLE IF NOT EXISTS vector_blocks (
            collection TEXT NOT NULL,
            block INTEGER NOT NULL,
            sha256 BLOB NOT NULL,
            PRIMARY KEY (collection, block)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS garnet_removed (
            collection TEXT NOT NULL,
            row INTEGER NOT NULL,
            PRIMARY KEY (collection, row)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS image_words (
            image_id INTEGER PRIMARY KEY,
            words TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS image_words_on_delete AFTER DELETE ON images
            BEGIN DELETE FROM image_words WHERE image_id = old.id; END;
        CREATE TRIGGER IF NOT EXISTS image_words_on_change AFTER UPDATE OF size, mtime_ticks ON images
            BEGIN DELETE FROM image_words WHERE image_id = old.id; END;
        """;

    private readonly SqliteConnection connection;
    private SqliteTransaction? snapshot;

    private IndexCatalog(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (for writing: creating) the database; a read-only catalog serves queries while an indexer writes.</summary>
    public static IndexCatalog Open(string path, bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            // Pooled connections keep the file open after Dispose; the index folder must be closable and reopenable at will.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var catalog = new IndexCatalog(connection, path);
            if (!readOnly)
            {
                catalog.Execute("PRAGMA journal_mode = WAL;");
                catalog.Execute("PRAGMA synchronous = FULL;");
                catalog.Execute(Schema);
            }

            catalog.Execute("PRAGMA busy_timeout = 30000;");
            return catalog;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True when the catalog has been initialised with an identity.</summary>
    public bool IsInitialised => ReadMeta().ContainsKey(Keys.FormatVersion);

    public SqliteTransaction BeginTransaction() => connection.BeginTransaction();

    /// <summary>
    /// From here on every read sees the catalog as it is now, whatever a writer commits meanwhile (a write-ahead-log
    /// read transaction, held until dispose): a query's rows, vectors and hits all come from one state.
    /// </summary>
    public void HoldSnapshot()
    {
        snapshot ??= connection.BeginTransaction(deferred: true);
        using var pin = Command("SELECT count(*) FROM meta;");
        pin.ExecuteScalar();
    }

    /// <summary>
    /// The bookkeeping; throws <see cref="IndexFolderException"/> for another format version, or for a meta table with
    /// a value missing or not a number (a damaged or hand-edited file).
    /// </summary>
    public CatalogState ReadState()
    {
        var meta = ReadMeta();
        string Required(string key) => meta.TryGetValue(key, out string? text) ? text : throw Damaged($"its meta table has no '{key}'");
        long Number(string key, string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Damaged($"its meta value '{key}' is '{text}', not a whole number");
        int version = (int)Math.Clamp(Number(Keys.FormatVersion, meta.GetValueOrDefault(Keys.FormatVersion, "0")), int.MinValue, int.MaxValue);
        if (version is < OldestReadableFormatVersion or > CurrentFormatVersion)
        {
            throw new IndexFolderException(
                $"{Path} is index format version {version}; this itm reads versions {OldestReadableFormatVersion}–{CurrentFormatVersion}. " +
                "Build a new index with `itm index ... --db NEW_DIR`.",
                IndexProblem.FormatVersion);
        }

        long Long(string key) => Number(key, Required(key));
        long? Optional(string key) => meta.TryGetValue(key, out string? text) ? Number(key, text) : null;
        CollectionState Collection(VectorCollection c) =>
            new(Long(Keys.Generation(c)), Long(Keys.Rows(c)), Long(Keys.Revision(c)), Long(Keys.GraphRevision(c)),
                meta.GetValueOrDefault(Keys.GraphSha256(c)), Optional(Keys.GraphBytes(c)));
        long dimension = Long(Keys.Dimension);
        if (dimension is < 1 or > int.MaxValue)
        {
            throw Damaged($"its meta value '{Keys.Dimension}' is {dimension}, not a vector size");
        }

        return new CatalogState(
            new IndexIdentity(Required(Keys.ModelFingerprint), Required(Keys.ModelDir), Required(Keys.ImagesRoot), (int)dimension),
            Collection(VectorCollection.Images),
            Collection(VectorCollection.Captions),
            meta.GetValueOrDefault(Keys.CaptionsSource),
            meta.GetValueOrDefault(Keys.CaptionsHash),
            version < CurrentFormatVersion ? null : (int?)Optional(Keys.ChecksumBlockBytes),
            Optional(Keys.FinishedRuns) ?? 0,
            ReadCentre(meta, (int)dimension),
            ReadPrecision(meta));
    }

    public void WriteState(SqliteTransaction transaction, CatalogState state)
    {
        var values = new Dictionary<string, string?>
        {
            [Keys.FormatVersion] = Text(CurrentFormatVersion),
            [Keys.ModelFingerprint] = state.Identity.ModelFingerprint,
            [Keys.ModelDir] = state.Identity.ModelDir,
            [Keys.ImagesRoot] = state.Identity.ImagesRoot,
            [Keys.Dimension] = Text(state.Identity.Dimension),
            [Keys.CaptionsSource] = state.CaptionsSource,
            [Keys.CaptionsHash] = state.CaptionsHash,
            [Keys.ChecksumBlockBytes] = state.ChecksumBlockBytes is int blockBytes ? Text(blockBytes) : null,
            [Keys.FinishedRuns] = Text(state.FinishedRuns),
            [Keys.ImageCentre] = state.ImageCentre is { } centre ? Convert.ToBase64String(MemoryMarshal.AsBytes(centre.Mean)) : null,
            [Keys.ImageCentreParts] = state.ImageCentre is { } parts
                ? string.Join(' ', parts.PartShares.Select(share => share.ToString("R", CultureInfo.InvariantCulture)))
                : null,
            [Keys.ImageCentreImages] = state.ImageCentre is { Images: > 0 } estimated ? Text(estimated.Images) : null,
            [Keys.VectorPrecision] = state.VectorPrecision == VectorPrecision.Float32 ? null : state.VectorPrecision.ToString().ToLowerInvariant(),
        };
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            values[Keys.Generation(collection)] = Text(state[collection].Generation);
            values[Keys.Rows(collection)] = Text(state[collection].Rows);
            values[Keys.Revision(collection)] = Text(state[collection].Revision);
            values[Keys.GraphRevision(collection)] = Text(state[collection].GraphRevision);
            values[Keys.GraphSha256(collection)] = state[collection].GraphSha256;
            values[Keys.GraphBytes(collection)] = state[collection].GraphBytes is long bytes ? Text(bytes) : null;
        }

        WriteMeta(transaction, values);
    }

    /// <summary>
    /// The meta entries whose keys start with <paramref name="prefix"/>: bookkeeping of other parts of itm (the Garnet
    /// copy's), kept beside <see cref="CatalogState"/> and untouched by <see cref="WriteState"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReadMeta(string prefix) =>
        ReadMeta().Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary();

    /// <summary>Sets meta entries (a null value deletes the entry).</summary>
    public void WriteMeta(SqliteTransaction transaction, IReadOnlyDictionary<string, string?> values)
    {
        using var upsert = Command("INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;", transaction);
        using var delete = Command("DELETE FROM meta WHERE key = $key;", transaction);
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var value = upsert.Parameters.Add("$value", SqliteType.Text);
        var deleteKey = delete.Parameters.Add("$key", SqliteType.Text);
        foreach (var (name, text) in values)
        {
            if (text is null)
            {
                deleteKey.Value = name;
                delete.ExecuteNonQuery();
            }
            else
            {
                key.Value = name;
                value.Value = text;
                upsert.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The dead rows of a collection already removed from its Garnet copy.</summary>
    public IReadOnlySet<long> GarnetRemovedRows(VectorCollection collection)
    {
        var rows = new HashSet<long>();
        using var command = Command("SELECT row FROM garnet_removed WHERE collection = $collection;");
        command.Parameters.AddWithValue("$collection", collection.StoredName());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(RowNumber(reader, "garnet_removed"));
        }

        return rows;
    }

    public void AddGarnetRemovedRows(SqliteTransaction transaction, VectorCollection collection, IEnumerable<long> rows)
    {
        using var insert = Command("INSERT OR IGNORE INTO garnet_removed (collection, row) VALUES ($collection, $row);", transaction);
        insert.Parameters.AddWithValue("$collection", collection.StoredName());
        var row = insert.Parameters.Add("$row", SqliteType.Integer);
        foreach (long value in rows)
        {
            row.Value = value;
            insert.ExecuteNonQuery();
        }
    }

    public void ClearGarnetRemovedRows(SqliteTransaction transaction, VectorCollection collection)
    {
        using var delete = Command("DELETE FROM garnet_removed WHERE collection = $collection;", transaction);
        delete.Parameters.AddWithValue("$collection", collection.StoredName());
        delete.ExecuteNonQuery();
    }

    public IReadOnlyList<CatalogImage> Images()
    {
        using var command = Command("SELECT id, path, size, mtime_ticks, vector_row, error FROM images ORDER BY path;");
        return ReadImages(command);
    }

    public CatalogImage? ImageById(long id)
    {
        using var command = Command("SELECT id, path, size, mtime_ticks, vector_row, error FROM images WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id);
        return ReadImages(command).SingleOrDefault();
    }

    public CatalogImage? ImageByPath(string relativePath)
    {
        using var command = Command("SELECT id, path, size, mtime_ticks, vector_row, error FROM images WHERE path = $path;");
        command.Parameters.AddWithValue("$path", relativePath);
        return ReadImages(command).SingleOrDefault();
    }

    public CatalogImage? ImageByRow(long vectorRow)
    {
        using var command = Command("SELECT id, path, size, mtime_ticks, vector_row, error FROM images WHERE vector_row = $row;");
        command.Parameters.AddWithValue("$row", vectorRow);
        return ReadImages(command).SingleOrDefault();
    }

    public IReadOnlyList<CatalogCaption> Captions()
    {
        using var command = Command("SELECT id, text, vector_row FROM captions ORDER BY id;");
        return ReadCaptions(command);
    }

    public CatalogCaption? CaptionByRow(long vectorRow)
    {
        using var command = Command("SELECT id, text, vector_row FROM captions WHERE vector_row = $row;");
        command.Parameters.AddWithValue("$row", vectorRow);
        return ReadCaptions(command).SingleOrDefault();
    }

    /// <summary>Every row of the collection's vector file that something still points to, ascending.</summary>
    public IReadOnlyList<long> LiveRows(VectorCollection collection)
    {
        using var command = Command(collection == VectorCollection.Images
            ? "SELECT vector_row FROM images WHERE vector_row IS NOT NULL ORDER BY vector_row;"
            : "SELECT vector_row FROM captions ORDER BY vector_row;");
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
        {
            rows.Add(RowNumber(reader, collection.StoredName()));
        }

        return rows;
    }

    /// <summary>Inserts or updates (by path, keeping the id) images; a null row with an error marks an unreadable file.</summary>
    public void UpsertImages(SqliteTransaction transaction, IEnumerable<CatalogImage> images)
    {
        using var command = Command("""
            INSERT INTO images (path, size, mtime_ticks, vector_row, error) VALUES ($path, $size, $mtime, $row, $error)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ticks = excluded.mtime_ticks,
                vector_row = excluded.vector_row, error = excluded.error;
            """, transaction);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var size = command.Parameters.Add("$size", SqliteType.Integer);
        var mtime = command.Parameters.Add("$mtime", SqliteType.Integer);
        var row = command.Parameters.Add("$row", SqliteType.Integer);
        var error = command.Parameters.Add("$error", SqliteType.Text);
        foreach (var image in images)
        {
            path.Value = image.Path;
            size.Value = image.Size;
            mtime.Value = image.MtimeTicks;
            row.Value = image.VectorRow is long r ? r : DBNull.Value;
            error.Value = (object?)image.Error ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Sets the words read inside images, each image named by its path (its row must exist in this transaction).</summary>
    public void WriteWordsByPath(SqliteTransaction transaction, IEnumerable<(string Path, IReadOnlyList<string> Words)> words)
    {
        using var command = Command("""
            INSERT INTO image_words (image_id, words) SELECT id, $words FROM images WHERE path = $path
            ON CONFLICT (image_id) DO UPDATE SET words = excluded.words;
            """, transaction);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var text = command.Parameters.Add("$words", SqliteType.Text);
        foreach (var (relative, list) in words)
        {
            path.Value = relative;
            text.Value = string.Join(' ', list);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Readable images whose words have not been read (all of them in an index never run with --ocr).</summary>
    public IReadOnlyList<CatalogImage> ImagesWithoutWords()
    {
        if (!HasWordsTable())
        {
            return [.. Images().Where(image => image.IsReadable)];
        }

        using var command = Command(
            "SELECT id, path, size, mtime_ticks, vector_row, error FROM images " +
            "WHERE vector_row IS NOT NULL AND id NOT IN (SELECT image_id FROM image_words) ORDER BY path;");
        return ReadImages(command);
    }

    /// <summary>
    /// The words read inside each of these images; an image never read (or any image of an index without the table:
    /// one written before --ocr existed, opened read-only) is absent from the answer.
    /// </summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> Words(IEnumerable<long> imageIds)
    {
        var result = new Dictionary<long, IReadOnlyList<string>>();
        if (!HasWordsTable())
        {
            return result;
        }

        using var command = Command("SELECT words FROM image_words WHERE image_id = $id;");
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        foreach (long image in imageIds.Distinct())
        {
            id.Value = image;
            if (command.ExecuteScalar() is string words)
            {
                result[image] = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return result;
    }

    /// <summary>Readable images whose words include any of <paramref name="words"/> (tokens, as stored).</summary>
    public IReadOnlyList<CatalogImage> ImagesWithAnyWord(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || !HasWordsTable())
        {
            return [];
        }

        using var command = Command(ImagesWithAnyWordSql(words.Count));
        for (int n = 0; n < words.Count; n++)
        {
            command.Parameters.AddWithValue($"$w{n}", $" {words[n]} ");
        }

        return ReadImages(command);
    }

    /// <summary>
    /// The query of <see cref="ImagesWithAnyWord"/>, with parameters <c>$w0</c>… (each " word "). Words are stored
    /// space-separated, so " word " inside " stored words " is a whole-word match. CROSS JOIN keeps image_words the outer
    /// loop (SQLite does not reorder it): the rows read are those of images with words, so an index without --ocr costs
    /// nothing, where a plain JOIN let the planner walk all of images (10 ms a search at 100,000 images).
    /// </summary>
    internal static string ImagesWithAnyWordSql(int words) =>
        "SELECT i.id, i.path, i.size, i.mtime_ticks, i.vector_row, i.error FROM image_words w CROSS JOIN images i ON i.id = w.image_id " +
        "WHERE i.vector_row IS NOT NULL AND (" +
        string.Join(" OR ", Enumerable.Range(0, words).Select(n => $"instr(' ' || w.words || ' ', $w{n}) > 0")) +
        ") ORDER BY i.id;";

    /// <summary>How many images have had their words read.</summary>
    public int ImagesWithWords()
    {
        if (!HasWordsTable())
        {
            return 0;
        }

        using var command = Command("SELECT count(*) FROM image_words;");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private bool HasWordsTable()
    {
        using var command = Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'image_words';");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public void DeleteImages(SqliteTransaction transaction, IEnumerable<string> relativePaths)
    {
        using var command = Command("DELETE FROM images WHERE path = $path;", transaction);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        foreach (string relative in relativePaths)
        {
            path.Value = relative;
            command.ExecuteNonQuery();
        }
    }

    public void InsertCaptions(SqliteTransaction transaction, IEnumerable<(string Text, long VectorRow)> captions)
    {
        using var command = Command("INSERT INTO captions (text, vector_row) VALUES ($text, $row);", transaction);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        var row = command.Parameters.Add("$row", SqliteType.Integer);
        foreach (var caption in captions)
        {
            text.Value = caption.Text;
            row.Value = caption.VectorRow;
            command.ExecuteNonQuery();
        }
    }

    public void DeleteCaptions(SqliteTransaction transaction, IEnumerable<long> ids)
    {
        using var command = Command("DELETE FROM captions WHERE id = $id;", transaction);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        foreach (long value in ids)
        {
            id.Value = value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Moves vectors to new rows (compaction): <paramref name="moves"/> maps old row to new row.</summary>
    public void RenumberRows(SqliteTransaction transaction, VectorCollection collection, IReadOnlyDictionary<long, long> moves)
    {
        string table = collection.StoredName();
        // Through negative rows first: a row's new number may still belong to a row not yet moved.
        using var park = Command($"UPDATE {table} SET vector_row = -1 - vector_row WHERE vector_row IS NOT NULL;", transaction);
        park.ExecuteNonQuery();
        using var move = Command($"UPDATE {table} SET vector_row = $to WHERE vector_row = $parked;", transaction);
        var to = move.Parameters.Add("$to", SqliteType.Integer);
        var parked = move.Parameters.Add("$parked", SqliteType.Integer);
        foreach (var (from, target) in moves)
        {
            parked.Value = -1 - from;
            to.Value = target;
            move.ExecuteNonQuery();
        }
    }

    /// <summary>Empties the tables (a re-embed starts over).</summary>
    public void Clear(SqliteTransaction transaction)
    {
        using var command = Command("DELETE FROM images; DELETE FROM captions; DELETE FROM vector_blocks;", transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>Records (or replaces) block checksums of a collection's current vector file.</summary>
    public void WriteBlockHashes(SqliteTransaction transaction, VectorCollection collection, IEnumerable<(long Block, byte[] Hash)> hashes)
    {
        using var command = Command(
            "INSERT INTO vector_blocks (collection, block, sha256) VALUES ($collection, $block, $hash) " +
            "ON CONFLICT (collection, block) DO UPDATE SET sha256 = excluded.sha256;", transaction);
        command.Parameters.AddWithValue("$collection", collection.StoredName());
        var block = command.Parameters.Add("$block", SqliteType.Integer);
        var hash = command.Parameters.Add("$hash", SqliteType.Blob);
        foreach (var entry in hashes)
        {
            block.Value = entry.Block;
            hash.Value = entry.Hash;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets a collection's block checksums (its vector file is replaced).</summary>
    public void DeleteBlockHashes(SqliteTransaction transaction, VectorCollection collection)
    {
        using var command = Command("DELETE FROM vector_blocks WHERE collection = $collection;", transaction);
        command.Parameters.AddWithValue("$collection", collection.StoredName());
        command.ExecuteNonQuery();
    }

    /// <summary>The recorded checksums of the given blocks of a collection (those recorded; a missing one is damage).</summary>
    public IReadOnlyDictionary<long, byte[]> BlockHashes(VectorCollection collection, IEnumerable<long> blocks)
    {
        using var command = Command("SELECT sha256 FROM vector_blocks WHERE collection = $collection AND block = $block;");
        command.Parameters.AddWithValue("$collection", collection.StoredName());
        var block = command.Parameters.Add("$block", SqliteType.Integer);
        var hashes = new Dictionary<long, byte[]>();
        foreach (long wanted in blocks)
        {
            block.Value = wanted;
            if (command.ExecuteScalar() is byte[] hash)
            {
                hashes[wanted] = hash;
            }
        }

        return hashes;
    }

    /// <summary>Every recorded checksum of a collection, by block.</summary>
    public IReadOnlyDictionary<long, byte[]> AllBlockHashes(VectorCollection collection)
    {
        using var command = Command("SELECT block, sha256 FROM vector_blocks WHERE collection = $collection;");
        command.Parameters.AddWithValue("$collection", collection.StoredName());
        using var reader = command.ExecuteReader();
        var hashes = new Dictionary<long, byte[]>();
        while (reader.Read())
        {
            hashes[reader.GetInt64(0)] = (byte[])reader.GetValue(1);
        }

        return hashes;
    }

    /// <summary>SQLite's own check of the database file: empty when it finds nothing wrong.</summary>
    public IReadOnlyList<string> IntegrityProblems()
    {
        using var command = Command("PRAGMA integrity_check;");
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            string line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }

        return problems;
    }

    public void Dispose()
    {
        snapshot?.Dispose();
        connection.Dispose();
    }

    private Dictionary<string, string> ReadMeta()
    {
        using var command = Command("SELECT key, value FROM meta;");
        using var reader = command.ExecuteReader();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            // NOT NULL in the schema (the key as primary key of a WITHOUT ROWID table): a null is a damaged file.
            if (reader.IsDBNull(0) || reader.IsDBNull(1))
            {
                throw Damaged("its meta table holds a null key or value");
            }

            meta[reader.GetString(0)] = reader.GetString(1);
        }

        return meta;
    }

    /// <summary>The row number in the reader's first column, NOT NULL in the schema: a null is a damaged file, not a missing vector.</summary>
    private long RowNumber(SqliteDataReader reader, string table) =>
        reader.IsDBNull(0) ? throw Damaged($"its {table} table has a row without a vector row") : reader.GetInt64(0);

    /// <summary>A catalog SQLite reads but whose contents break the schema's rules: damaged, or edited by hand.</summary>
    internal IndexFolderException Damaged(string problem) => new(
        $"{Path} is damaged: {problem}. Build the index again in a new folder (`itm index ... --db NEW_DIR`), " +
        "or delete this one and run the same `itm index` command.",
        IndexProblem.Damaged);

    private static List<CatalogImage> ReadImages(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var images = new List<CatalogImage>();
        while (reader.Read())
        {
            images.Add(new CatalogImage(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return images;
    }

    private static List<CatalogCaption> ReadCaptions(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var captions = new List<CatalogCaption>();
        while (reader.Read())
        {
            captions.Add(new CatalogCaption(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return captions;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction ?? snapshot;
        return command;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stored image centre: little-endian float32 values (base64) and the part shares, or null when there is none.</summary>
    private CollectionCentre? ReadCentre(IReadOnlyDictionary<string, string> meta, int dimension)
    {
        if (!meta.TryGetValue(Keys.ImageCentre, out string? text))
        {
            return null;
        }

        try
        {
            byte[] bytes = Convert.FromBase64String(text);
            var shares = meta.GetValueOrDefault(Keys.ImageCentreParts, "1")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(share => double.Parse(share, NumberStyles.Float, CultureInfo.InvariantCulture))
                .ToList();
            if (bytes.Length != dimension * sizeof(float))
            {
                throw Damaged($"its meta value '{Keys.ImageCentre}' holds {bytes.Length} bytes, not {dimension} float32 values");
            }

            int images = meta.TryGetValue(Keys.ImageCentreImages, out string? count)
                ? int.Parse(count, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : 0;
            return new CollectionCentre(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shares, images);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw Damaged($"its meta value '{Keys.ImageCentre}' or '{Keys.ImageCentreParts}' is not a centre ({e.Message})");
        }
    }

    /// <summary>The stored vector precision: absent for float32 (every index written before the choice existed).</summary>
    private VectorPrecision ReadPrecision(IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue(Keys.VectorPrecision, out string? text))
        {
            return VectorPrecision.Float32;
        }

        return Enum.TryParse(text, ignoreCase: true, out VectorPrecision precision) && Enum.IsDefined(precision) && !int.TryParse(text, out _)
            ? precision
            : throw Damaged($"its meta value '{Keys.VectorPrecision}' is '{text}', not a vector precision");
    }

    /// <summary>The meta table's keys: part of the index format.</summary>
    private static class Keys
    {
        public const string FormatVersion = "format_version";
        public const string ModelFingerprint = "model_fingerprint";
        public const string ModelDir = "model_dir";
        public const string ImagesRoot = "images_root";
        public const string Dimension = "dimension";
        public const string CaptionsSource = "captions_source";
        public const string CaptionsHash = "captions_sha256";
        public const string ChecksumBlockBytes = "vector_checksum_block_bytes";
        public const string FinishedRuns = "finished_runs";
        public const string ImageCentre = "images.centre";
        public const string ImageCentreParts = "images.centre_parts";
        public const string ImageCentreImages = "images.centre_images";
        public const string VectorPrecision = "vector_precision";

        public static string Generation(VectorCollection c) => $"{c.StoredName()}.generation";

        public static string Rows(VectorCollection c) => $"{c.StoredName()}.committed_rows";

        public static string Revision(VectorCollection c) => $"{c.StoredName()}.revision";

        public static string GraphRevision(VectorCollection c) => $"{c.StoredName()}.graph_revision";

        public static string GraphSha256(VectorCollection c) => $"{c.StoredName()}.graph_sha256";

        public static string GraphBytes(VectorCollection c) => $"{c.StoredName()}.graph_bytes";
    }
}
