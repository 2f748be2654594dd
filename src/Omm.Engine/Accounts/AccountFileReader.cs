using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Omm.Engine.Accounts
{
    /// <summary>
    /// Reads an accounts list from a CSV file or the first sheet of an Excel workbook, told apart by their
    /// content, not their name. A CSV file's delimiter (';', ',' or tab) is the one that splits its header line
    /// into columns Omm reads; its text is UTF-8 or UTF-16 (with a byte order mark), else the ANSI code page
    /// spreadsheet programs save CSV in. Rows are numbered as their user sees them: CSV lines and sheet rows
    /// counting the header as 1.
    /// </summary>
    public static class AccountFileReader
    {
        /// <summary>How much of a file is looked at to tell what it is.</summary>
        private const int SniffBytes = 8192;

        /// <exception cref="AccountFileException">
        /// The file cannot be read, is not a CSV file or a workbook, has no header line, or none of its columns is one
        /// Omm reads; the message says which and names the file.
        /// </exception>
        public static IReadOnlyList<AccountRow> Read(string path)
        {
            var name = Path.GetFileName(path);
            try
            {
                var head = ReadHead(path);
                var (kind, what) = FileSignature.Of(head);
                switch (kind)
                {
                    case FileKind.ZipPackage:
                        return ReadWorkbook(path, name, stream => ExcelReaderFactory.CreateOpenXmlReader(stream), "a ZIP archive, not an Excel workbook (.xlsx)");
                    case FileKind.OfficeCompoundFile:
                        return ReadWorkbook(path, name, stream => ExcelReaderFactory.CreateBinaryReader(stream), "an Office document but not an Excel workbook (.xls)");
                    case FileKind.Text:
                        return ReadCsv(path, name);
                    default:
                        throw new AccountFileException(AccountFileProblem.NotAnAccountsList, NotAnAccountsList(name, what!));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new AccountFileException(AccountFileProblem.Unreadable, $"'{path}' cannot be read: {e.Message}", e);
            }
        }

        private static byte[] ReadHead(string path)
        {
            using var stream = File.OpenRead(path);
            var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
            var read = 0;
            while (read < head.Length)
            {
                var n = stream.Read(head, read, head.Length - read);
                if (n == 0)
                    break;
                read += n;
            }

            return head;
        }

        private static IReadOnlyList<AccountRow> ReadCsv(string path, string name)
        {
            var text = FileSignature.DecodeText(File.ReadAllBytes(path));
            var headerLine = text.Split('\n')[0].TrimEnd('\r');
            if (headerLine.Trim().Length == 0)
                throw new AccountFileException(AccountFileProblem.NoHeader, $"'{name}' is empty: its first line must be the header line of an accounts list ({AccountLayouts.Expected}).");
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = DelimiterOf(headerLine).ToString(),
                HasHeaderRecord = true,
                BadDataFound = null,
                MissingFieldFound = null,
                TrimOptions = TrimOptions.Trim,
            };
            using var reader = new StringReader(text);
            using var csv = new CsvReader(reader, configuration);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord == null)
                throw new AccountFileException(AccountFileProblem.NoHeader, $"'{name}' has no header line.");
            var headers = csv.HeaderRecord;
            EnsureKnownColumns(name, headers);
            var rows = new List<AccountRow>();
            while (csv.Read())
            {
                var cells = headers.Select((header, i) => new KeyValuePair<string, string?>(header, csv.TryGetField<string>(i, out var value) ? value : null)).ToList();
                if (cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
                    continue;
                // The parser's row counts blank lines, and a quoted cell over several lines once: the row a
                // spreadsheet program shows, and the line a text editor shows for a file without such cells.
                rows.Add(new AccountRow(csv.Parser.Row, name, cells, "Line"));
            }

            return rows;
        }

        /// <summary>The delimiter that splits the header line into the most columns Omm reads; else the one it holds most of.</summary>
        private static char DelimiterOf(string headerLine) =>
            AccountLayouts.Delimiters
                .OrderByDescending(d => AccountLayouts.CountKnown(headerLine.Split(d).Select(c => c.Trim().Trim('"'))))
                .ThenByDescending(d => headerLine.Count(c => c == d))
                .First();

        private static IReadOnlyList<AccountRow> ReadWorkbook(string path, string name, Func<Stream, IExcelDataReader> open, string whenNotAWorkbook)
        {
            EnsureCodePages();
            using var stream = File.OpenRead(path);
            IExcelDataReader reader;
            try
            {
                reader = open(stream);
            }
            catch (Exception e) when (IsWorkbookFailure(e))
            {
                throw new AccountFileException(AccountFileProblem.NotAnAccountsList, NotAnAccountsList(name, $"{whenNotAWorkbook} ({e.Message})"), e);
            }

            try
            {
                using (reader)
                {
                    if (!reader.Read())
                        throw new AccountFileException(AccountFileProblem.NoHeader, $"The first sheet of '{name}' is empty: its first row must be the header row of an accounts list ({AccountLayouts.Expected}).");
                    var headers = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty).ToList();
                    EnsureKnownColumns(name, headers);
                    var rows = new List<AccountRow>();
                    while (reader.Read())
                    {
                        var cells = headers.Select((header, i) => new KeyValuePair<string, string?>(header,
                            i < reader.FieldCount ? Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) : null)).ToList();
                        if (cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
                            continue;
                        rows.Add(new AccountRow(reader.Depth + 1, name, cells));
                    }

                    return rows;
                }
            }
            catch (Exception e) when (IsWorkbookFailure(e))
            {
                throw new AccountFileException(AccountFileProblem.Unreadable, $"'{path}' cannot be read as a workbook: {e.Message}", e);
            }
        }

        private static string NotAnAccountsList(string name, string what) =>
            $"'{name}' is not a CSV or Excel file: it is {what}. Give a CSV file (';' or ',' between columns) or an .xlsx workbook.";

        private static bool IsWorkbookFailure(Exception e) =>
            e is ExcelDataReader.Exceptions.ExcelReaderException || e is InvalidDataException || e is InvalidOperationException
            || e is ArgumentException || e is FormatException || e is System.Xml.XmlException || e is NotSupportedException;

        private static void EnsureKnownColumns(string name, IReadOnlyList<string> headers)
        {
            if (AccountLayouts.CountKnown(headers) == 0)
                throw new AccountFileException(AccountFileProblem.UnknownColumns,
                    $"'{name}' is not an accounts list: {AccountLayouts.UnknownColumnsProblem(headers.Where(h => h.Trim().Length > 0).ToList(), piped: false)}");
        }

        private static bool codePagesRegistered;

        internal static void EnsureCodePages()
        {
            if (codePagesRegistered)
                return;
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            codePagesRegistered = true;
        }
    }
}
