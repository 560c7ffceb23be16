package io.jgrad.data;

import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import java.util.Arrays;

/**
 * The characters of a text as token ids, as nanoGPT's character-level data preparation does:
 * the distinct characters of the text, sorted, numbered from 0 ({@code stoi}/{@code itos}).
 *
 * <pre>{@code
 * CharVocabulary vocab = CharVocabulary.of(text);
 * Tensor tokens = vocab.encode(text);            // (n,) int64
 * String back = vocab.decode(tokens);             // the text again
 * }</pre>
 *
 * <p>Characters are Unicode code points, so a text outside the Basic Multilingual Plane is still
 * one token per character.
 */
public final class CharVocabulary {

    private final int[] chars; // sorted distinct code points; id = index

    private CharVocabulary(int[] chars) {
        this.chars = chars;
    }

    /**
     * The vocabulary of {@code text}: its distinct characters, sorted by code point.
     *
     * @param text the text
     * @return the vocabulary of {@code text}
     * @throws IllegalArgumentException if {@code text} is null or empty
     */
    public static CharVocabulary of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("CharVocabulary.of: the text is " + (text == null ? "null" : "empty")
                    + "; a vocabulary needs at least one character");
        }
        return new CharVocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /** {@return the number of distinct characters (the model's vocabulary size)} */
    public int size() {
        return chars.length;
    }

    /** {@return the characters in id order, as one string} */
    public String chars() {
        return new String(chars, 0, chars.length);
    }

    /**
     * {@return the id of one character}
     *
     * @param codePoint the character's Unicode code point
     * @throws IllegalArgumentException if the character is not in the vocabulary
     */
    public int id(int codePoint) {
        int i = Arrays.binarySearch(chars, codePoint);
        if (i < 0) {
            throw new IllegalArgumentException("CharVocabulary: the character '" + new String(Character.toChars(codePoint))
                    + "' (U+" + String.format("%04X", codePoint) + ") is not in the vocabulary of " + chars.length
                    + " characters; build the vocabulary from a text that contains it");
        }
        return i;
    }

    /**
     * The ids of a text's characters.
     *
     * @param text the text
     * @return a 1-d int64 tensor of the text's length in characters
     * @throws IllegalArgumentException if a character is not in the vocabulary
     */
    public Tensor encode(String text) {
        int[] cps = text.codePoints().toArray();
        int[] ids = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            ids[i] = id(cps[i]);
        }
        return Tensor.wrap(Casts.fromInts(ids));
    }

    /**
     * The text of a sequence of ids.
     *
     * @param ids any shape, integer ids (int64, or whole numbers of another dtype), read row-major
     * @return the characters
     * @throws IndexOutOfBoundsException if an id is not in {@code [0, size())}
     */
    public String decode(Tensor ids) {
        long[] v = ids.toLongArray();
        StringBuilder sb = new StringBuilder(v.length);
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= chars.length) {
                throw new IndexOutOfBoundsException("CharVocabulary.decode: id " + v[i] + " at position " + i
                        + " is out of range for " + chars.length + " characters; use ids in [0, " + chars.length + ")");
            }
            sb.appendCodePoint(chars[(int) v[i]]);
        }
        return sb.toString();
    }

    /** @return {@code CharVocabulary(27 characters: "\n" "a" …)} */
    @Override
    public String toString() {
        return "CharVocabulary(" + chars.length + " characters)";
    }
}
