# The pull request's preview comment (Markdown), from meta.json of the read-only build job.
# Run as: jq -r -n --slurpfile meta meta.json --arg number N --arg state S --arg url URL \
#              --arg sha SHA --arg run RUN_URL -f comment.jq
# Everything in meta.json comes from the pull request's own code, so it is data here: numbers are
# checked, text is escaped, paths are validated, and links are built only from the trusted preview
# URL ($url) and run URL ($run). $state: deployed | failed | closed | awaiting-label.

def text:
  tostring | gsub("[\r\n\t]+"; " ") | .[0:200]
  | gsub("(?<c>[\\\\`*_{}\\[\\]<>()#+!|~@:.&=-])"; "\\\(.c)");
def code: "`" + (tostring | gsub("[`|\r\n]+"; "") | .[0:200]) + "` ";
def object: if type == "object" then . else {} end;
def count: if type == "number" and . >= 0 and . == floor then tostring else "?" end;
def safe_path:
  type == "string" and test("^([A-Za-z0-9._~!$&'()*+,;=@/-]|%[0-9A-Fa-f]{2})*$")
  and (startswith("/") | not) and (split("/") | index("..") | not);

($meta[0] | object) as $m
| ($state == "deployed") as $live
| [
    "<!-- support-blog-preview -->",
    "## プレビュー",
    "",
    ( if $live then "**[プレビューを開く](\($url))** (pull request #\($number) のコミット `\($sha[0:7])`)"
      elif $state == "failed" then "⚠️ ビルドが失敗したため、コミット `\($sha[0:7])` のプレビューは作られていません。[実行結果](\($run)) のログと注釈を確認してください。"
      elif $state == "closed" then "pull request が閉じられたので、プレビューを削除しました。"
      elif $state == "awaiting-label" then "フォークからの pull request のプレビューは、メンテナーが変更を確認して `preview` ラベルを付けると作られます (ラベルは公開のたびに外れるので、新しいコミットには付け直します)。"
      else "プレビューの状態が不明です: " + ($state | code) end ),
    ( if $state == "closed" then empty else
        ( [ $m.articles | arrays | .[] | select(type == "object") ] ) as $articles
        | ( if ($articles | length) > 0 then
              "", "### 変更された記事 (\($articles | length) 件)", "",
              "| 記事 | ファイル | チェック |", "| :-- | :-- | :-- |",
              ( $articles[:50][]
                | ((.title // "") | text) as $title
                | ( if $live and (.path | safe_path) then "[\($title)](\($url)\(.path))" else $title end ) as $cell
                | "| \($cell)\(if .change == "added" then " (新規)" else "" end) | \(.file | code)| エラー \(.errors | count) 件・警告 \(.warnings | count) 件 |" ),
              ( if ($articles | length) > 50 then "", "ほか \(($articles | length) - 50) 件" else empty end )
            else "", "この pull request で変更された記事はありません。" end ),
          ( ( [ $m.removed | arrays | .[] | select(type == "string") ] ) as $removed
            | if ($removed | length) > 0 then
                "", "### 削除・移動された記事", "",
                ( $removed[:50][] | "- " + code ),
                "", "古い URL を残すには、`_config.yml` の `redirects` に移動先を書きます。"
              else empty end ),
          "", "### チェッカー", "",
          "サイト全体: エラー \($m.check | object | .errors | count) 件、警告 \($m.check | object | .warnings | count) 件 (詳細は[実行結果](\($run))の注釈)",
          ( [ $m.errors | arrays | .[] | select(type == "object") ][:10][]
            | "- " + ("\(.file):\(.line | count)" | code) + (.rule | code) + (.message | text) )
      end ),
    "",
    "<sub>[ワークフローの実行](\($run))</sub>"
  ]
| join("\n")
