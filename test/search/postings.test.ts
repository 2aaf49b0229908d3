import { describe, expect, it } from "vitest";
import { checkPostings, FieldPostingsBuilder } from "../../src/search/postings.js";

describe("postings read from a snapshot", () => {
  const built = () => {
    const builder = new FieldPostingsBuilder();
    for (const terms of [[0, 1], [1], [0, 2, 2], [1, 2]]) builder.addDocument(terms);
    return builder.build(3);
  };

  it("GIVEN postings as built THEN they are accepted", () => {
    expect(() => checkPostings(built(), 3, 4, "text")).not.toThrow();
  });

  it("GIVEN a term's documents out of order, repeated or past the index THEN they are refused", () => {
    const postings = built();
    // Term 1 is in documents 0, 1 and 3: at docs[2 … 4].
    const swapped = Uint32Array.from(postings.docs);
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(() => checkPostings({ ...postings, docs: swapped }, 3, 4, "text")).toThrow(/text postings do not match/);
    const repeated = Uint32Array.from(postings.docs);
    repeated[3] = repeated[2]!;
    expect(() => checkPostings({ ...postings, docs: repeated }, 3, 4, "text")).toThrow(/do not match/);
    const past = Uint32Array.from(postings.docs);
    past[past.length - 1] = 4;
    expect(() => checkPostings({ ...postings, docs: past }, 3, 4, "speaker")).toThrow(/speaker postings do not match/);
  });
});
