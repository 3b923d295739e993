package join

import (
	"fmt"
	"strings"
)

// messages are the words of the pages, one table per language. Every field
// is set in every table (a test checks); a %d or %s is filled by the page.
type messages struct {
	Lang string // the html lang attribute

	JoinTitle   string // the browser tab's title
	Waiting     string // nothing open
	WaitingHint string
	Refresh     string // the link that reloads the page

	WhoAreYou    string
	PickNameHint string
	NoNames      string // the attendance list is empty
	NotListed    string
	AnsweringAs  string // %s: the name
	NotYou       string

	PanelTitle      string // a panel ballot without a title
	ImpressionTitle string
	SurveyTitle     string
	ImpressionAsk   string

	Yes, No     string
	Save        string
	Saved       string
	YourAnswers string
	NoAnswer    string
	Change      string
	Closed      string

	RuleNamed     string
	RuleAnonymous string // %d: MinRespondents

	NotFoundTitle string
	NotFound      string
	CodeTitle     string
	CodeHint      string
	CodeLabel     string
	CodeJoin      string
	CodeWrong     string
	CodeClosed    string

	Forbidden  string
	TooMany    string
	TooLarge   string
	NotSaved   string
	BadValue   string // %s: the question
	BadName    string
	NotOpen    string // a field for a question the ballot does not ask
	BackToJoin string
}

var english = messages{
	Lang:        "en",
	JoinTitle:   "Join the meeting",
	Waiting:     "Nothing to answer right now.",
	WaitingHint: "This page checks again every few seconds: the next question appears here when the facilitator opens it.",
	Refresh:     "Check for the next question",

	WhoAreYou:    "Who are you?",
	PickNameHint: "Pick your name from the attendance list.",
	NoNames:      "The attendance list is empty: ask the facilitator to add you.",
	NotListed:    "Not on the list? Ask the facilitator to add you, then check again.",
	AnsweringAs:  "Answering as %s.",
	NotYou:       "Not you?",

	PanelTitle:      "Questions",
	ImpressionTitle: "Your impression",
	SurveyTitle:     "Survey",
	ImpressionAsk:   "Your one-line impression of today's session",

	Yes:         "Yes",
	No:          "No",
	Save:        "Save",
	Saved:       "Saved. You can change your answers until the facilitator moves on.",
	YourAnswers: "Your answers",
	NoAnswer:    "no answer",
	Change:      "Change my answers",
	Closed:      "That question has closed: the facilitator moved on. This is what is open now.",

	RuleNamed:     "Answers are recorded with your name: the minutes show who answered what.",
	RuleAnonymous: "Answers are anonymous: the minutes show only totals, and only counts when fewer than %d answer; comments are kept verbatim without names.",

	NotFoundTitle: "Not found",
	NotFound:      "This address is not a meeting on this computer. Check the link, or the code on the shared screen.",
	CodeTitle:     "Join a meeting",
	CodeHint:      "Type the code shown on the shared screen.",
	CodeLabel:     "Code",
	CodeJoin:      "Join",
	CodeWrong:     "No meeting has that code. Check it on the shared screen and try again.",
	CodeClosed:    "Too many wrong codes: open the link or scan the QR code on the shared screen instead.",

	Forbidden:  "This form has expired, or your browser did not send the cookie it needs. Allow cookies for this address, open the meeting again and answer once more.",
	TooMany:    "Too many requests from this device. Wait a few seconds and try again.",
	TooLarge:   "That was too much to send at once.",
	NotSaved:   "Your answer was not saved. Please try again.",
	BadValue:   "That is not an answer %s takes.",
	BadName:    "That name is not on the attendance list.",
	NotOpen:    "That question is not open now.",
	BackToJoin: "Back to the meeting",
}

var japanese = messages{
	Lang:        "ja",
	JoinTitle:   "ミーティングに参加",
	Waiting:     "いま回答する質問はありません。",
	WaitingHint: "このページは数秒ごとに確認します。進行役が次の質問を開くと、ここに表示されます。",
	Refresh:     "次の質問を確認する",

	WhoAreYou:    "お名前を選んでください",
	PickNameHint: "出席者の一覧から自分の名前を選んでください。",
	NoNames:      "出席者の一覧が空です。進行役に追加を頼んでください。",
	NotListed:    "一覧にない場合は、進行役に追加を頼んでから、もう一度確認してください。",
	AnsweringAs:  "%s として回答しています。",
	NotYou:       "別の人ですか？",

	PanelTitle:      "質問",
	ImpressionTitle: "ひとこと感想",
	SurveyTitle:     "アンケート",
	ImpressionAsk:   "今日のセッションの感想をひとことで",

	Yes:         "はい",
	No:          "いいえ",
	Save:        "保存",
	Saved:       "保存しました。進行役が次に進むまで、回答は変更できます。",
	YourAnswers: "あなたの回答",
	NoAnswer:    "未回答",
	Change:      "回答を変更する",
	Closed:      "その質問は締め切られました（進行役が次に進みました）。いま回答できるのは次の質問です。",

	RuleNamed:     "回答は名前とともに記録され、議事録には誰がどう答えたかが載ります。",
	RuleAnonymous: "回答は匿名です。議事録には集計だけが載り、回答が%d人未満のときは人数だけが載ります。コメントは名前なしでそのまま残ります。",

	NotFoundTitle: "見つかりません",
	NotFound:      "このアドレスは、このコンピューターのミーティングではありません。リンクか、共有画面のコードを確認してください。",
	CodeTitle:     "ミーティングに参加",
	CodeHint:      "共有画面に表示されているコードを入力してください。",
	CodeLabel:     "コード",
	CodeJoin:      "参加",
	CodeWrong:     "そのコードのミーティングはありません。共有画面で確認して、もう一度入力してください。",
	CodeClosed:    "間違ったコードが多すぎます。共有画面のリンクを開くか、QRコードを読み取ってください。",

	Forbidden:  "このフォームは期限切れか、ブラウザーが必要なクッキーを送りませんでした。このアドレスのクッキーを許可し、ミーティングを開き直して、もう一度回答してください。",
	TooMany:    "この端末からのリクエストが多すぎます。数秒待ってから、もう一度お試しください。",
	TooLarge:   "一度に送るには大きすぎます。",
	NotSaved:   "回答は保存されませんでした。もう一度お試しください。",
	BadValue:   "「%s」にその回答はありません。",
	BadName:    "その名前は出席者の一覧にありません。",
	NotOpen:    "その質問はいま受け付けていません。",
	BackToJoin: "ミーティングに戻る",
}

// Languages lists the language codes the pages are written in.
func Languages() []string { return []string{"en", "ja"} }

// messagesFor returns the table of a language code ("ja", "ja-JP", "en");
// ok is false for a language without one, which gets English.
func messagesFor(lang string) (messages, bool) {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	switch base {
	case "ja":
		return japanese, true
	case "en", "":
		return english, true
	}
	return english, false
}

// rule is what a ballot's page says about what the minutes will show.
func (m *messages) rule(b *Ballot) string {
	switch {
	case b.Rule != "":
		return b.Rule
	case b.Anonymous:
		return fmt.Sprintf(m.RuleAnonymous, MinRespondents)
	}
	return m.RuleNamed
}

// title heads a ballot's page.
func (m *messages) title(b *Ballot) string {
	if b.Title != "" {
		return b.Title
	}
	switch b.Stage {
	case StageImpression:
		return m.ImpressionTitle
	case StageSurvey:
		return m.SurveyTitle
	}
	return m.PanelTitle
}
