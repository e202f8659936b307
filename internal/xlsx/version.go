package xlsx

import "slices"

// PathVersion is the record's version (数据版本), which an export writes on
// every 企业 row and an import compares with the record on file: a row
// exported before a later edit is a conflict on that row, never an
// overwrite (sqlstore.Tx.SaveEnterprises).
const PathVersion = "record.version"

// versionColumn carries the version as a hidden column of the row rather
// than on a hidden sheet keyed by USCC, because the version describes the
// row's data and must travel with it: rows sorted, filtered, moved or pasted
// from one export into another keep their own version, whereas a sheet
// keyed by USCC would lend a row copied from an older export the newer
// version and let it overwrite what it never saw. Hidden, it is not edited
// by accident; a user who clears it gets the rule of a row without a
// version. The template has no such column: a filled blank template creates
// enterprises, it does not update them.
var versionColumn = Column{Header: "数据版本", Path: PathVersion, Kind: KindInt, Hidden: true, Width: 8,
	Note: "导出时记录的数据版本，请勿修改；导入时据此判断该行导出后平台数据是否已被修改"}

// enterpriseSheet are the columns of sheet 企业 as Export writes them and
// Import reads them: EnterpriseColumns, the hidden version and the
// export-only assessment results (export_results.go), which Import skips.
var enterpriseSheet = slices.Concat(EnterpriseColumns, []Column{versionColumn}, resultColumns)
