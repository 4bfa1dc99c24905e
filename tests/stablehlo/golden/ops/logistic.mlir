module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<14xf32>) -> tensor<14xf32> {
    %0 = stablehlo.negate %arg0 : tensor<14xf32>
    %1 = stablehlo.exponential %0 : tensor<14xf32>
    %cst = stablehlo.constant dense<1.000000e+00> : tensor<14xf32>
    %2 = stablehlo.add %cst, %1 : tensor<14xf32>
    %cst_0 = stablehlo.constant dense<1.000000e+00> : tensor<14xf32>
    %3 = stablehlo.divide %cst_0, %2 : tensor<14xf32>
    return %3 : tensor<14xf32>
  }
}
