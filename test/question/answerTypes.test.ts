import { describe, expect, it } from "vitest";
import { answerValuesIn, expectedAnswerTypes, holdsAnswer } from "../../src/question/answerTypes.js";

const holds = (question: string, passage: string, speaker: string | null = null) =>
  holdsAnswer(expectedAnswerTypes(question), answerValuesIn(passage), question, speaker);

describe("the kind of answer a question wants", () => {
  it("GIVEN its wh-word THEN the kind, most wanted first", () => {
    expect(expectedAnswerTypes("How many ferries were cancelled?")[0]).toBe("number");
    expect(expectedAnswerTypes("How much did the bridge cost?")[0]).toBe("money");
    expect(expectedAnswerTypes("What percentage of voters turned out?")[0]).toBe("percent");
    expect(expectedAnswerTypes("When did the mill close?")[0]).toBe("date");
    expect(expectedAnswerTypes("How long did the strike last?")[0]).toBe("duration");
    expect(expectedAnswerTypes("Why did the talks fail?")).toEqual(["reason"]);
    expect(expectedAnswerTypes("Where did the ferry dock?")).toEqual(["place"]);
    expect(expectedAnswerTypes("Which company built the dam?")[0]).toBe("organisation");
    expect(expectedAnswerTypes("Who led the march?")[0]).toBe("person");
    expect(expectedAnswerTypes("What is the population of the county?")[0]).toBe("number");
  });

  it("GIVEN a yes/no question, or one about what was said or done THEN any kind of answer will do", () => {
    expect(expectedAnswerTypes("Did the levee hold?")).toEqual([]);
    expect(expectedAnswerTypes("What did the mayor say about the flood?")).toEqual([]);
    // The question's own wh-word decides, not the "when" of a clause inside it.
    expect(expectedAnswerTypes("How did the rebels react when the convoy stopped?")).toEqual([]);
  });

  it("GIVEN a passage THEN it holds the kind only with a value the question does not already give", () => {
    expect(holds("How many residents were moved in 2016?", "About 1,200 residents were moved to a gym.")).toBe(true);
    expect(holds("How many residents were moved in 2016?", "Residents were moved in 2016.")).toBe(false);
    // An ordinal counts nothing.
    expect(holds("How many prizes did the film win?", "It was her second prize.")).toBe(false);
    // … except of how many times something happened.
    expect(holds("How many times has the ferry sunk?", "The ferry sank for the third time on Friday.")).toBe(true);
    expect(holds("How many times has the ferry sunk?", "The ferry sank on Friday.")).toBe(false);
    expect(holds("When did the mill close?", "The mill closed on Tuesday, the owner said.")).toBe(true);
    expect(holds("When did the mill close?", "The mill closed, the owner said.")).toBe(false);
    expect(holds("Why did the talks fail?", "The talks failed because neither side would move.")).toBe(true);
    expect(holds("Why did the talks fail?", "The talks failed on Monday.")).toBe(false);
    expect(holds("Who brokered the truce?", "The truce was brokered by Norway and Chile.")).toBe(true);
    expect(holds("Who brokered the truce?", "The truce was brokered last week.")).toBe(false);
    // The passage's speaker is a person it names.
    expect(holds("Who said the levee held?", "The levee held, she said.", "Dana Whitlock")).toBe(true);
  });
});
