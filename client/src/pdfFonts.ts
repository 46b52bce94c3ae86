import naskhRegular from '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf?url';
import naskhBold from '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf?url';
import nastaliqRegular from '@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf?url';
import nastaliqBold from '@expo-google-fonts/noto-nastaliq-urdu/700Bold/NotoNastaliqUrdu_700Bold.ttf?url';
import bengaliRegular from '@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf?url';
import bengaliBold from '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf?url';
import gurmukhiRegular from '@expo-google-fonts/noto-sans-gurmukhi/400Regular/NotoSansGurmukhi_400Regular.ttf?url';
import gurmukhiBold from '@expo-google-fonts/noto-sans-gurmukhi/700Bold/NotoSansGurmukhi_700Bold.ttf?url';
import type { FaceKey, Weight } from '../../shared/pdf/text/scripts.js';

/**
 * Where the browser fetches each Noto face (the files of shared/pdf/text/faceFiles.ts, which Vite
 * copies to the build as they are). Only a record with such a script fetches any of them.
 */
export const FACE_URLS: Record<FaceKey, Record<Weight, string>> = {
  naskh: { regular: naskhRegular, bold: naskhBold },
  nastaliq: { regular: nastaliqRegular, bold: nastaliqBold },
  bengali: { regular: bengaliRegular, bold: bengaliBold },
  gurmukhi: { regular: gurmukhiRegular, bold: gurmukhiBold },
};
