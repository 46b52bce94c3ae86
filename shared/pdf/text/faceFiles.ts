import type { FaceKey, Weight } from './scripts.js';

/**
 * Where each Noto face comes from: npm packages of Google Fonts' TrueType files (SIL Open Font
 * License 1.1, see docs/architecture.md). The client imports the same files by URL (client/src/pdfFonts.ts).
 */
export const FACE_FILES: Record<FaceKey, Record<Weight, string>> = {
  naskh: {
    regular: '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
  },
  nastaliq: {
    regular: '@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf',
    bold: '@expo-google-fonts/noto-nastaliq-urdu/700Bold/NotoNastaliqUrdu_700Bold.ttf',
  },
  bengali: {
    regular: '@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf',
  },
  gurmukhi: {
    regular: '@expo-google-fonts/noto-sans-gurmukhi/400Regular/NotoSansGurmukhi_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-gurmukhi/700Bold/NotoSansGurmukhi_700Bold.ttf',
  },
};
